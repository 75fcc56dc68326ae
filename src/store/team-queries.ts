import type postgres from "postgres";
import type { Team, TeamPrivacy } from "../vocabulary/team.js";
import type { Sql } from "./db.js";

type TeamRow = {
  team_id: number;
  slug: string;
  name: string;
  privacy: TeamPrivacy;
  parent_team_id: number | null;
};

const teamOf = (row: TeamRow): Team => ({
  teamId: row.team_id,
  slug: row.slug,
  name: row.name,
  privacy: row.privacy,
  parentTeamId: row.parent_team_id,
});

/** An installation's teams, by slug. */
export const listTeams = async (sql: Sql, installationId: number): Promise<Team[]> => {
  const rows = await sql<TeamRow[]>`
    select team_id, slug, name, privacy, parent_team_id from teams
    where installation_id = ${installationId}
    order by lower(slug)
  `;
  return rows.map(teamOf);
};

/** A team with the ids of the teams whose members count for it: itself and every team nested in it. */
export type TeamScope = Team & { teamIds: number[] };

/** The team called `slug` (any case) with the teams nested in it at any depth, or null when there is none. */
export const findTeam = async (sql: Sql, installationId: number, slug: string): Promise<TeamScope | null> => {
  const rows = await sql<(TeamRow & { nested: number[] })[]>`
    with recursive nested (root, team_id) as (
      select team_id, team_id from teams
      where installation_id = ${installationId} and lower(slug) = ${slug.toLowerCase()}
      union
      select nested.root, t.team_id from nested
      join teams t on t.installation_id = ${installationId} and t.parent_team_id = nested.team_id
    )
    select t.team_id, t.slug, t.name, t.privacy, t.parent_team_id,
      array_agg(nested.team_id order by nested.team_id) as nested
    from teams t
    join nested on nested.root = t.team_id
    where t.installation_id = ${installationId}
    group by t.team_id, t.slug, t.name, t.privacy, t.parent_team_id
  `;
  const [row] = rows;
  return row ? { ...teamOf(row), teamIds: row.nested.map(Number) } : null;
};

/**
 * `credits c` was earned by a direct member of one of `teamIds` while they were a member: by user
 * id, or by login for a credit recorded without one.
 */
export const inTeams = (sql: Sql, teamIds: readonly number[]) => sql`
  exists (
    select 1 from team_memberships m
    where m.installation_id = c.installation_id
      and m.team_id = any(${[...teamIds]}::bigint[])
      and (m.user_id = c.actor_id or (c.actor_id is null and lower(m.login) = lower(c.actor_login)))
      and (m.since is null or m.since <= c.occurred_at)
      and (m.until is null or c.occurred_at < m.until)
  )
`;

/**
 * `ancestors (team_id, ancestor_id)`, for a `with recursive`: each team with itself and every team
 * it is nested in, at any depth.
 */
export const ancestors = (sql: Sql, installationId: number) => sql`
  ancestors (team_id, ancestor_id) as (
    select team_id, team_id from teams where installation_id = ${installationId}
    union
    select ancestors.team_id, t.parent_team_id from ancestors
    join teams t on t.installation_id = ${installationId} and t.team_id = ancestors.ancestor_id
    where t.parent_team_id is not null
  )
`;

/**
 * Joins each credit `c` to the teams `a` its person was in when they earned it (by user id, or
 * by login for a credit recorded without one), a parent team counting its nested teams' members.
 */
export const withTeamsOfTheTime = (sql: Sql, installationId: number) => sql`
  join team_memberships m
    on m.installation_id = c.installation_id
    and (m.user_id = c.actor_id or (c.actor_id is null and lower(m.login) = lower(c.actor_login)))
    and (m.since is null or m.since <= c.occurred_at)
    and (m.until is null or c.occurred_at < m.until)
  join ancestors on ancestors.team_id = m.team_id
  join teams a on a.installation_id = ${installationId} and a.team_id = ancestors.ancestor_id
`;

/** A team a person was in when they earned a credit. */
export type CreditTeam = { slug: string; privacy: TeamPrivacy };

/**
 * For each person with credits in `where` (a condition on `credits c`), the teams they were in
 * when they earned them, a parent team counting its nested teams' members; by lowercased login,
 * slugs in order.
 */
export const creditTeamsWhere = async (
  sql: Sql,
  installationId: number,
  where: postgres.PendingQuery<postgres.Row[]>,
): Promise<Map<string, CreditTeam[]>> => {
  const rows = await sql<{ login: string; slug: string; privacy: TeamPrivacy }[]>`
    with recursive ${ancestors(sql, installationId)}
    select distinct lower(c.actor_login) as login, a.slug, a.privacy
    from credits c
    ${withTeamsOfTheTime(sql, installationId)}
    where ${where}
    order by 1, 2
  `;
  const teams = new Map<string, CreditTeam[]>();
  for (const row of rows)
    teams.set(row.login, [...(teams.get(row.login) ?? []), { slug: row.slug, privacy: row.privacy }]);
  return teams;
};

/** How many people were direct members of one of `teamIds` at some time in a window. */
export const countTeamMembers = async (
  sql: Sql,
  installationId: number,
  teamIds: readonly number[],
  window: { since: Date; until: Date },
): Promise<number> => {
  const [row] = await sql<{ n: number }[]>`
    select count(distinct user_id)::int as n from team_memberships
    where installation_id = ${installationId}
      and team_id = any(${[...teamIds]}::bigint[])
      and (since is null or since <= ${window.until})
      and (until is null or until > ${window.since})
  `;
  return row?.n ?? 0;
};
