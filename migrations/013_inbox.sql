-- The inbox: every activity a webhook delivery gave, written in the delivery's transaction and
-- kept after the classify stage has turned it into credits, so that credits can be recomputed.
-- classified_at is null while it waits; run_after, attempts and locked_until schedule the wait.
create table activities (
  installation_id bigint not null,
  activity_key text not null,
  repo_id bigint not null,
  delivery_id text not null,
  activity jsonb not null,
  occurred_at timestamptz not null,
  received_at timestamptz not null default now(),
  classified_at timestamptz,
  attempts integer not null default 0,
  run_after timestamptz not null default now(),
  locked_until timestamptz,
  last_error text,
  primary key (installation_id, activity_key)
);

create index activities_waiting on activities (run_after) where classified_at is null;
create index activities_by_repo on activities (installation_id, repo_id, occurred_at);

-- Activities queued for classification in the outbox become inbox entries.
insert into activities (installation_id, activity_key, repo_id, delivery_id, activity, occurred_at)
select
  installation_id,
  substring(job_key from 10),
  (payload->'activity'->'repo'->>'id')::bigint,
  payload->>'deliveryId',
  payload->'activity',
  (payload->'activity'->>'at')::timestamptz
from outbox
where kind = 'classify'
on conflict do nothing;

delete from outbox where kind = 'classify';

-- Which inbox entry a credit was made of: classifying it again replaces exactly its credits.
alter table credits add column activity_key text;
create index credits_by_activity on credits (installation_id, activity_key) where activity_key is not null;
