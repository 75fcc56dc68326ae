import type { Category, RuleId } from "../classify/rules.js";
import type { Sql } from "./db.js";

/** One person's credits since a date, newest first; private repositories only when asked for. */
export const queryPersonCredits = async (
  sql: Sql,
  query: { installationId: number; login: string; since: Date; includePrivate: boolean },
): Promise<
  {
    category: Category;
    rule: RuleId;
    repo: string;
    url: string;
    at: string;
    weight: number;
    title: string | null;
  }[]
> => {
  const rows = await sql<
    {
      category: Category;
      rule: RuleId;
      repo: string;
      url: string;
      occurred_at: Date;
      weight: number;
      title: string | null;
    }[]
  >`
    select c.category, c.rule, c.repo, c.url, c.occurred_at, c.weight, t.title
    from credits c
    left join subject_titles t on t.installation_id = c.installation_id and t.subject_key = c.subject_key
    where c.installation_id = ${query.installationId}
      and lower(c.actor_login) = ${query.login.toLowerCase()}
      and c.occurred_at >= ${query.since}
      ${query.includePrivate ? sql`` : sql`and not c.repo_private`}
    order by c.occurred_at desc, c.url, c.rule
  `;
  return rows.map((row) => ({
    category: row.category,
    rule: row.rule,
    repo: row.repo,
    url: row.url,
    at: row.occurred_at.toISOString(),
    weight: row.weight,
    title: row.title,
  }));
};
