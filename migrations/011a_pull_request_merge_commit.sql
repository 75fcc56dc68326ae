-- The commit a merged PR put on its base branch (its merge, squash or last rebased commit): a
-- pushed commit the store finds here came in through that PR, which gets the credit instead.
alter table pull_requests add column merge_commit_sha text;
create index pull_requests_by_merge_commit on pull_requests (installation_id, repo_id, merge_commit_sha)
  where merge_commit_sha is not null;
