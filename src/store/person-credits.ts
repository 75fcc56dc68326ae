import type { Category, RuleId } from "../vocabulary/rules.js";
import type { Sql } from "./db.js";
import { isShown } from "./month-scope.js";

export type PersonCredit = {
  category: Category;
  rule: RuleId;
  repo: string;
  url: string;
  at: string;
  weight: number;
  title: string | null;
};

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
    {
      category: Category;
      rule: RuleId;
      repo: string;
      url: string;
      occurred_at: Date;
      weight: number;
      title: string | null;
      shown: boolean;
    }[]
  >`
    select c.category, c.rule, c.repo, c.url, c.occurred_at, c.weight, t.title, ${isShown(sql, query)} as shown
    from credits c
    left join subject_titles t on t.installation_id = c.installation_id and t.subject_key = c.subject_key
    where c.installation_id = ${query.installationId}
      and c.actor_id = ${query.actorId}
      and c.occurred_at >= ${query.since}
    order by c.occurred_at desc, c.url, c.rule
  `;
  const shown = rows.filter((row) => row.shown);
  return {
    items: shown.map((row) => ({
      category: row.category,
      rule: row.rule,
      repo: row.repo,
      url: row.url,
      at: row.occurred_at.toISOString(),
      weight: row.weight,
      title: row.title,
    })),
    leftOut: rows.length - shown.length,
  };
};
