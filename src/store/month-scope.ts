import type { Sql } from "./db.js";

/** The credits a monthly report covers: a window of one installation, perhaps one repository. */
export type MonthScope = {
  installationId: number;
  since: Date;
  /** Inclusive. */
  until: Date;
  /** False for a public destination: private repositories are left out. */
  includePrivate: boolean;
  /** Only this repository (`owner/name`, as stored). */
  repo?: string | undefined;
};

/**
 * The conditions on `credits c` that keep a scope's window and repository, without anyone who
 * opted out. Visibility is separate (`visibleOnly`): some queries count what it leaves out.
 *
 * The opt-out test runs once (an InitPlan) when the installation has no opt-outs, the usual case;
 * otherwise it is a hashed `not in` on `lower(actor_login)`. An anti-join would lower-case every
 * credit of the month even against an empty list, a third of what counting them costs.
 */
export const inScope = (sql: Sql, scope: MonthScope) => sql`
  c.installation_id = ${scope.installationId}
  and c.occurred_at >= ${scope.since}
  and c.occurred_at <= ${scope.until}
  ${scope.repo ? sql`and c.repo = ${scope.repo}` : sql``}
  and (
    not exists (select from opt_outs where installation_id = ${scope.installationId})
    or lower(c.actor_login) not in (
      select o.login from opt_outs o where o.installation_id = ${scope.installationId}
    )
  )
`;

/** `and not c.repo_private` when the scope leaves private repositories out. */
export const visibleOnly = (sql: Sql, scope: MonthScope) =>
  scope.includePrivate ? sql`` : sql`and not c.repo_private`;
