-- Deliveries GitHub records as failed that the server asked GitHub to redeliver: one row per
-- delivery (its guid, the X-GitHub-Delivery id), so that of several replicas one asks, once per
-- failed attempt: again only when GitHub logs a newer failed attempt (the redelivery failed too),
-- and at most three times. App-wide deliveries without an installation are kept under installation 0.
create table redelivery_claims (
  installation_id bigint not null,
  guid text not null,
  event text not null,
  attempt_id bigint not null,
  asks integer not null default 1,
  claimed_by text not null,
  claimed_at timestamptz not null default now(),
  primary key (installation_id, guid)
);

create trigger redelivery_claims_skip_removed before insert on redelivery_claims
  for each row execute function skip_removed_installation();
