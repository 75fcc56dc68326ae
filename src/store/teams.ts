import type { Team, TeamChange, TeamMember, TeamRead } from "../vocabulary/team.js";
import type { Sql, Tx } from "./db.js";

/** The statement that asks for a full read of an installation's teams soon. */
const markDue = (tx: Tx | Sql, installationId: number) => tx`
  insert into team_syncs (installation_id, due) values (${installationId}, true)
  on conflict (installation_id) do update set due = true
`;

const saveTeam = (tx: Tx | Sql, installationId: number, team: Team, parentKnown: boolean) => tx`
  insert into teams (installation_id, team_id, slug, name, privacy, parent_team_id)
  values (${installationId}, ${team.teamId}, ${team.slug}, ${team.name}, ${team.privacy}, ${team.parentTeamId})
  on conflict (installation_id, team_id) do update set
    slug = excluded.slug,
    name = excluded.name,
    privacy = excluded.privacy
    ${parentKnown ? tx`, parent_team_id = excluded.parent_team_id` : tx``}
  returning (xmax = 0) as inserted
`;

const closeMemberships = (
  tx: Tx | Sql,
  installationId: number,
  at: Date,
  teamId: number | null,
  userId: number,
) => tx`
  update team_memberships set until = greatest(${at}, coalesce(since, ${at}))
  where installation_id = ${installationId} and user_id = ${userId} and until is null
    ${teamId === null ? tx`` : tx`and team_id = ${teamId}`}
`;

const openMembership = async (
  tx: Tx | Sql,
  installationId: number,
  teamId: number,
  member: TeamMember,
  at: Date,
) => {
  await tx`
    insert into team_memberships (installation_id, team_id, user_id, login, since)
    values (${installationId}, ${teamId}, ${member.userId}, ${member.login}, ${at})
    on conflict (installation_id, team_id, user_id) where until is null do update set login = excluded.login
  `;
};

/**
 * A team change a webhook delivered, applied at `at` (when it arrived): a team saved or deleted, a
 * person joining or leaving a team or the organisation, the organisation's new login. What the delivery cannot tell (the parent
 * of a team first seen in a `membership` payload; the child teams of a deleted one) marks the
 * installation's teams for a full read from GitHub.
 */
export const applyTeamChange = async (sql: Sql, change: TeamChange, at: Date): Promise<void> => {
  const { installationId } = change;
  await sql.begin(async (tx) => {
    switch (change.kind) {
      case "team-saved": {
        await saveTeam(tx, installationId, change.team, change.parentKnown);
        if (!change.parentKnown) await markDue(tx, installationId);
        return;
      }
      case "team-deleted": {
        await tx`delete from team_memberships where installation_id = ${installationId} and team_id = ${change.teamId}`;
        await tx`delete from teams where installation_id = ${installationId} and team_id = ${change.teamId}`;
        await markDue(tx, installationId);
        return;
      }
      case "member-added": {
        const [saved] = await saveTeam(tx, installationId, { ...change.team, parentTeamId: null }, false);
        if (saved?.inserted) await markDue(tx, installationId);
        await openMembership(tx, installationId, change.team.teamId, change.member, at);
        return;
      }
      case "member-removed": {
        await closeMemberships(tx, installationId, at, change.teamId, change.member.userId);
        return;
      }
      case "left-organisation": {
        await closeMemberships(tx, installationId, at, null, change.member.userId);
        return;
      }
      case "organisation-renamed": {
        // Only the account the installation is on: a payload naming another changes nothing.
        await tx`
          update installations set account_login = ${change.login}
          where installation_id = ${installationId} and account_id = ${change.accountId}
        `;
        return;
      }
    }
  });
};

/**
 * A full read of an installation's teams, kept: teams GitHub no longer lists go, the others take
 * their current name, privacy and parent; a direct member GitHub no longer lists has their
 * membership closed at `at`, a new one is opened at `at`. On the installation's first read (and
 * for a team first seen in a read) the members are counted as members from before Gluework knew
 * (`since` null), so history imported for the months before counts for their teams.
 */
export const saveTeamRead = async (
  sql: Sql,
  installationId: number,
  read: TeamRead,
  at: Date,
): Promise<void> => {
  await sql.begin(async (tx) => {
    const [sync]: [{ synced_at: Date | null }?] = await tx`
      select synced_at from team_syncs where installation_id = ${installationId} for update
    `;
    const firstRead = !sync?.synced_at;
    const known = new Set(
      (
        await tx<{ team_id: number }[]>`select team_id from teams where installation_id = ${installationId}`
      ).map((row) => row.team_id),
    );
    const ids = read.map(({ team }) => team.teamId);
    await tx`
      delete from team_memberships
      where installation_id = ${installationId} and not (team_id = any(${ids}::bigint[]))
    `;
    await tx`delete from teams where installation_id = ${installationId} and not (team_id = any(${ids}::bigint[]))`;
    for (const { team, members } of read) {
      await saveTeam(tx, installationId, team, true);
      const userIds = members.map((member) => member.userId);
      await tx`
        update team_memberships set until = greatest(${at}, coalesce(since, ${at}))
        where installation_id = ${installationId} and team_id = ${team.teamId} and until is null
          and not (user_id = any(${userIds}::bigint[]))
      `;
      const since = firstRead || !known.has(team.teamId) ? null : at;
      const rows = [...new Map(members.map((member) => [member.userId, member])).values()].map((member) => ({
        installation_id: installationId,
        team_id: team.teamId,
        user_id: member.userId,
        login: member.login,
        since,
      }));
      if (rows.length > 0)
        await tx`
          insert into team_memberships ${tx(rows)}
          on conflict (installation_id, team_id, user_id) where until is null do update set login = excluded.login
        `;
    }
    // Memberships a webhook opened before the first read: members from before Gluework knew, too.
    if (firstRead)
      await tx`update team_memberships set since = null where installation_id = ${installationId} and until is null`;
    await tx`
      insert into team_syncs (installation_id, synced_at, tried_at, due) values (${installationId}, ${at}, ${at}, false)
      on conflict (installation_id) do update set synced_at = excluded.synced_at, tried_at = excluded.tried_at, due = false
    `;
  });
};

/**
 * The installations whose teams are due a full read: never read, marked by a webhook, or last
 * read before `staleBefore`. Only installations Gluework knows the account of.
 */
export const dueTeamSyncs = async (
  sql: Sql,
  staleBefore: Date,
): Promise<{ installationId: number; org: string }[]> => {
  const rows = await sql<{ installation_id: number; account_login: string }[]>`
    select i.installation_id, i.account_login
    from installations i
    left join team_syncs s on s.installation_id = i.installation_id
    where i.account_login is not null
      and (s.installation_id is null or s.due or s.tried_at is null or s.tried_at < ${staleBefore})
    order by s.tried_at nulls first, i.installation_id
  `;
  return rows.map((row) => ({ installationId: row.installation_id, org: row.account_login }));
};

/**
 * A read that could not be made (an account without teams, or no permission yet): tried at `at`,
 * so not due again until it is stale; the first read that succeeds is still the first.
 */
export const skipTeamSync = async (sql: Sql, installationId: number, at: Date): Promise<void> => {
  await sql`
    insert into team_syncs (installation_id, tried_at, due) values (${installationId}, ${at}, false)
    on conflict (installation_id) do update set tried_at = excluded.tried_at, due = false
  `;
};
