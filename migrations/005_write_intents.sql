-- Before the first check run on a PR head, and before the first credit comment on a PR, the writer
-- notes that it is about to create one. A PR Gluework saw opened (`opened_seen`) can carry nothing of
-- Gluework's but what these columns record, so a first write needs no search: only a noted
-- attempt that was never confirmed (a crash or an error between the create and remembering its
-- id) sends the writer looking for what may exist. PRs seen first later (or after a reinstall)
-- are still searched by the check run's external id and the comment's marker.
alter table pull_requests add column opened_seen boolean not null default false;
alter table pull_requests add column comment_attempted boolean not null default false;
