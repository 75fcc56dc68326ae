-- History imports (backfill): one run per repository at a time, resumable from stored cursors.

-- A repository's backfill. The row is both the queue entry a worker claims and the lock that
-- keeps other replicas off the repository while `locked_until` is in the future; a crashed
-- holder's lease runs out and the next claimant resumes from the cursors below.
create table backfill_runs (
  installation_id bigint not null,
  repo_id bigint not null,
  repo text not null,
  -- The window's start; null until the run starts when it comes from the repository's
  -- `backfill.days` (then it is fixed, so a resumed run keeps its window).
  since timestamptz,
  requested_at timestamptz not null default now(),
  run_after timestamptz not null default now(),
  holder text,
  locked_until timestamptz,
  started_at timestamptz,
  finished_at timestamptz,
  attempts integer not null default 0,
  items integer not null default 0,
  last_error text,
  primary key (installation_id, repo_id)
);

create index backfill_runs_due on backfill_runs (run_after) where finished_at is null;

-- Where each connection (pull_requests, issues, commits, …) of an unfinished run stopped: the
-- cursor after the last page whose credits are recorded. Deleted when the run finishes.
create table backfill_cursors (
  installation_id bigint not null,
  repo_id bigint not null,
  connection text not null,
  cursor text,
  done boolean not null default false,
  updated_at timestamptz not null default now(),
  primary key (installation_id, repo_id, connection)
);
