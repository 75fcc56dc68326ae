-- What the outputs need: PR heads and merge state, the outbox of GitHub writes, and the
-- claims that let one replica publish a monthly report exactly once.

-- A review credit remembers its review's state (a change request later addressed is a highlight).
alter table credits add column detail text;

create table pull_requests (
  installation_id bigint not null,
  repo_id bigint not null,
  number integer not null,
  repo text not null,
  head_sha text not null,
  author_login text not null,
  merged boolean not null default false,
  check_run_id bigint,
  check_run_sha text,
  check_run_body text,
  comment_id bigint,
  comment_body text,
  updated_at timestamptz not null default now(),
  primary key (installation_id, repo_id, number)
);

-- GitHub writes a delivery implies, drained by a worker. One row per target (job_key), so a
-- burst of events for one PR coalesces into one write; version tells the worker that the job
-- changed while it ran.
create table outbox (
  installation_id bigint not null,
  job_key text not null,
  kind text not null,
  payload jsonb not null,
  version integer not null default 1,
  run_after timestamptz not null default now(),
  attempts integer not null default 0,
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  primary key (installation_id, job_key)
);

create index outbox_due on outbox (run_after);

-- The monthly job: one claim per (installation, period); a stale claim can be taken over.
create table report_claims (
  installation_id bigint not null,
  period text not null,
  claimed_by text not null,
  claimed_at timestamptz not null default now(),
  completed_at timestamptz,
  primary key (installation_id, period)
);

-- The issue each monthly report lives in, one per destination and period.
create table report_issues (
  installation_id bigint not null,
  repo text not null,
  period text not null,
  issue_number integer,
  body text,
  updated_at timestamptz not null default now(),
  primary key (installation_id, repo, period)
);

-- `/gluework …` commands seen, so a redelivered comment is answered once.
create table commands (
  installation_id bigint not null,
  comment_id bigint not null,
  login text not null,
  command text not null,
  received_at timestamptz not null default now(),
  primary key (installation_id, comment_id)
);
