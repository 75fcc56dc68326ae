import type { Category, RuleId } from "../classify/rules.js";
import type { Sql } from "./db.js";
import { isShown } from "./month-scope.js";

export type PersonCredit = { category: Category; rule: RuleId; repo: string; url: string; at: string };

/**
 * One person's credits since a date, newest first, found by their user id (never by a login,
 * which someone else may have held before): those in `shownRepoIds` (null: every repository),
 * and how many others there are.
 */
export const queryPersonCredits = async (
  sql: Sql,
  query: { installationId: number; actorId: number; since: Date; shownRepoIds: readonly number[] | null },
): Promise<{ items: PersonCredit[]; leftOut: number }> => {
  const rows = await sql<
    { category: Category; rule: RuleId; repo: string; url: string; occurred_at: Date; shown: boolean }[]
  >`
    select category, rule, repo, url, occurred_at, ${isShown(sql, query)} as shown from credits c
    where installation_id = ${query.installationId}
      and actor_id = ${query.actorId}
      and occurred_at >= ${query.since}
    order by occurred_at desc, source_key
  `;
  const shown = rows.filter((row) => row.shown);
  return {
    items: shown.map((row) => ({
      category: row.category,
      rule: row.rule,
      repo: row.repo,
      url: row.url,
      at: row.occurred_at.toISOString(),
    })),
    leftOut: rows.length - shown.length,
  };
};
