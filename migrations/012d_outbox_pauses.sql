-- An installation GitHub rate-limited: none of its outbox jobs is claimed before `until` (its
-- reset), even a job queued again meanwhile.
create table outbox_pauses (
  installation_id bigint primary key,
  until timestamptz not null
);

create trigger outbox_pauses_skip_removed before insert on outbox_pauses
  for each row execute function skip_removed_installation();
