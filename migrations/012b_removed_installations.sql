-- Uninstalling removes everything stored for the installation, for good. GitHub never gives an
-- installation id out again, so the id is remembered here, and a trigger on every table that
-- leads with installation_id drops any row written for it later: also rows that a backfill or
-- worker already under way at the uninstall writes after it. Writers take a shared advisory lock
-- on the installation in the trigger; the uninstall takes it exclusively, so it waits for writers
-- in flight to commit, then deletes what they wrote.
create table removed_installations (
  installation_id bigint primary key,
  removed_at timestamptz not null default now()
);

create function skip_removed_installation() returns trigger language plpgsql as $$
begin
  perform pg_advisory_xact_lock_shared(12012, (new.installation_id % 2147483647)::int);
  if exists (select 1 from removed_installations where installation_id = new.installation_id) then
    return null;
  end if;
  return new;
end
$$;

do $$
declare
  target text;
begin
  for target in
    select c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and c.column_name = 'installation_id'
      and t.table_type = 'BASE TABLE' and c.table_name <> 'removed_installations'
  loop
    execute format(
      'create trigger %I before insert on %I for each row execute function skip_removed_installation()',
      target || '_skip_removed', target
    );
  end loop;
end
$$;

-- The account an installation belongs to, so that opt-outs outlive a reinstall.
alter table installations add column account_id bigint;

-- People who opted out, by account (organisation or user the app is installed on) and GitHub
-- user id, and nothing else: kept when the account uninstalls, honoured when it installs again.
create table account_opt_outs (
  account_id bigint not null,
  user_id bigint not null,
  primary key (account_id, user_id)
);
