-- A report issue is written under a short claim instead of a row lock held while GitHub answers:
-- publishers on any replica take turns, and none keeps a transaction open across a request.
alter table report_issues
  add column claimed_by text,
  add column claimed_until timestamptz;
