-- Every table leads with installation_id, so the ledger can be sharded by installation.

create table installations (
  installation_id bigint primary key,
  account_login text,
  created_at timestamptz not null default now()
);

-- One row per webhook delivery that was ingested (a redelivery keeps its id).
create table deliveries (
  installation_id bigint not null,
  delivery_id text not null,
  event text not null,
  credits integer not null default 0,
  received_at timestamptz not null default now(),
  primary key (installation_id, delivery_id)
);

-- The ledger. source_key makes an activity seen twice count once.
create table credits (
  installation_id bigint not null,
  source_key text not null,
  repo_id bigint not null,
  repo text not null,
  repo_private boolean not null,
  actor_login text not null,
  actor_id bigint,
  category text not null,
  rule text not null,
  weight real not null,
  subject_type text not null,
  subject_key text not null,
  url text not null,
  occurred_at timestamptz not null,
  recorded_at timestamptz not null default now(),
  primary key (installation_id, source_key)
);

create index credits_by_time on credits (installation_id, occurred_at);
create index credits_by_subject on credits (installation_id, subject_key);
create index credits_by_actor on credits (installation_id, lower(actor_login));

-- PR file lists, fetched once per head sha.
create table pull_request_files (
  installation_id bigint not null,
  repo_id bigint not null,
  number integer not null,
  head_sha text not null,
  files jsonb not null,
  fetched_at timestamptz not null default now(),
  primary key (installation_id, repo_id, number)
);

-- When a draft PR was marked ready for review (for unblocking's waiting time).
create table pull_request_ready (
  installation_id bigint not null,
  repo_id bigint not null,
  number integer not null,
  ready_at timestamptz not null,
  primary key (installation_id, repo_id, number)
);

-- Validated .github/gluework.yml per repository, dropped when a push changes it.
create table repo_configs (
  installation_id bigint not null,
  repo_id bigint not null,
  config jsonb not null,
  problems jsonb not null,
  fetched_at timestamptz not null default now(),
  primary key (installation_id, repo_id)
);

-- People who asked to be left out of every report (/gluework opt-out).
create table opt_outs (
  installation_id bigint not null,
  login text not null,
  opted_out_at timestamptz not null default now(),
  primary key (installation_id, login)
);
