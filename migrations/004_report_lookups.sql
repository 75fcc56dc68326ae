-- The monthly report's highlights join a month's review credits to their PRs by subject key
-- (`owner/name#number`). Without an index on that key the planner walks every merged PR of the
-- installation, so the report slowed down with the size of the ledger rather than the month.
create index pull_requests_by_subject on pull_requests (installation_id, (repo || '#' || number::text));

-- The same highlights read only change requests and newcomer mentoring, a few percent of a month's
-- credits: partial indexes find them without reading the rest of the month.
create index credits_changes_requested on credits (installation_id, occurred_at) where detail = 'changes_requested';
create index credits_newcomer_mentoring on credits (installation_id, occurred_at) where rule = 'mentor.newcomer';
