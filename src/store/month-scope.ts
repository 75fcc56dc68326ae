import { GLUE_CATEGORIES } from "../vocabulary/rules.js";
import type { Sql } from "./db.js";
import { notOptedOut } from "./opted-out.js";
import { inTeams } from "./team-queries.js";

/** The credits a monthly report covers: a window of one installation, perhaps one repository. */
export type MonthScope = {
  installationId: number;
  since: Date;
  /** Inclusive. */
  until: Date;
  /**
   * The repositories (by id) whose credits may be shown: for a public destination, the ones public
   * now, as GitHub says when publishing. Null: every repository (a private destination, the CLI).
   */
  shownRepoIds: readonly number[] | null;
  /** Only this repository (by id). */
  repoId?: number | undefined;
  /** Only credits earned while their person was in one of these teams (a team and those nested in it). */
  teamIds?: readonly number[] | undefined;
};

/**
 * The conditions on `credits c` that keep a scope's window and repository, without anyone who
 * opted out. Visibility is separate (`visibleOnly`): some queries count what it leaves out.
 */
export const inScope = (sql: Sql, scope: MonthScope) => sql`
  c.installation_id = ${scope.installationId}
  and c.occurred_at >= ${scope.since}
  and c.occurred_at <= ${scope.until}
  ${scope.repoId === undefined ? sql`` : sql`and c.repo_id = ${scope.repoId}`}
  ${scope.teamIds === undefined ? sql`` : sql`and ${inTeams(sql, scope.teamIds)}`}
  and ${notOptedOut(sql, scope.installationId)}
`;

/** `c.category` is glue, as the vocabulary names its categories. */
export const isGlueCredit = (sql: Sql) => sql`c.category = any(${[...GLUE_CATEGORIES]}::text[])`;

/** `c.repo_id` is one of the repositories the scope may show (true when it shows every one). */
export const isShown = (sql: Sql, scope: Pick<MonthScope, "shownRepoIds">) =>
  scope.shownRepoIds === null ? sql`true` : sql`c.repo_id = any(${[...scope.shownRepoIds]}::bigint[])`;

/** `and c.repo_id in (…)` when the scope leaves some repositories out. */
export const visibleOnly = (sql: Sql, scope: Pick<MonthScope, "shownRepoIds">) =>
  scope.shownRepoIds === null ? sql`` : sql`and ${isShown(sql, scope)}`;
