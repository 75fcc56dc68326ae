import type { Category, RuleId } from "../classify/rules.js";
import type { Sql } from "./db.js";

/** One person's credits since a date, newest first; private repositories only when asked for. */
export const queryPersonCredits = async (
  sql: Sql,
  query: { installationId: number; login: string; since: Date; includePrivate: boolean },
): Promise<{ category: Category; rule: RuleId; repo: string; url: string; at: string }[]> => {
  const rows = await sql<
    { category: Category; rule: RuleId; repo: string; url: string; occurred_at: Date }[]
  >`
    select category, rule, repo, url, occurred_at from credits
    where installation_id = ${query.installationId}
      and lower(actor_login) = ${query.login.toLowerCase()}
      and occurred_at >= ${query.since}
      ${query.includePrivate ? sql`` : sql`and not repo_private`}
    order by occurred_at desc, source_key
  `;
  return rows.map((row) => ({
    category: row.category,
    rule: row.rule,
    repo: row.repo,
    url: row.url,
    at: row.occurred_at.toISOString(),
  }));
};
