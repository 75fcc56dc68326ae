-- An organisation's GitHub teams, as GitHub says they are now (`secret` or `closed`, i.e. visible
-- to every member of the organisation), with the parent of a nested team.
create table teams (
  installation_id bigint not null,
  team_id bigint not null,
  slug text not null,
  name text not null,
  privacy text not null check (privacy in ('secret', 'closed')),
  parent_team_id bigint,
  primary key (installation_id, team_id)
);

create index teams_by_slug on teams (installation_id, lower(slug));

-- Who was a direct member of a team, and when: `since` null is "from before Gluework knew", and
-- `until` null is "still a member". A credit counts for the teams its person was in when the work
-- was done (and for their parent teams).
create table team_memberships (
  installation_id bigint not null,
  team_id bigint not null,
  user_id bigint not null,
  login text not null,
  since timestamptz,
  until timestamptz,
  check (until is null or since is null or since <= until)
);

-- At most one open membership per person and team.
create unique index team_memberships_open on team_memberships (installation_id, team_id, user_id)
  where until is null;
create index team_memberships_by_user on team_memberships (installation_id, user_id);
create index team_memberships_by_team on team_memberships (installation_id, team_id);

-- When an installation's teams were last read from GitHub in full (`synced_at`), when a read was
-- last tried (an account without teams, or an app not yet granted `members: read`, reads none),
-- and whether a webhook asked for a read sooner (something it could not tell by itself, such as
-- the parent of a team first seen in a `membership` payload).
create table team_syncs (
  installation_id bigint primary key,
  synced_at timestamptz,
  tried_at timestamptz,
  due boolean not null default true
);

-- Written for an uninstalled installation: dropped, like every other table (see 012b).
create trigger teams_skip_removed before insert on teams
  for each row execute function skip_removed_installation();
create trigger team_memberships_skip_removed before insert on team_memberships
  for each row execute function skip_removed_installation();
create trigger team_syncs_skip_removed before insert on team_syncs
  for each row execute function skip_removed_installation();
