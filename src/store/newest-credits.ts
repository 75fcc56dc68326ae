import type { Category, RuleId } from "../vocabulary/rules.js";
import type { Sql } from "./db.js";
import { inScope, isGlueCredit, type MonthScope, visibleOnly } from "./month-scope.js";

export type NewestCredit = {
  category: Category;
  rule: RuleId;
  repo: string;
  url: string;
  at: string;
  title: string | null;
};

/**
 * The newest glue credits of each person in `quota` (login → how many), newest first with ties by
 * url, rule and category. One index range scan per person (`credits_by_actor_time`), stopped after
 * their quota: the rows read grow with the quota, not with the month. Keyed by lowercase login.
 */
export const queryNewestCredits = async (
  sql: Sql,
  scope: MonthScope,
  quota: ReadonlyMap<string, number>,
): Promise<Map<string, NewestCredit[]>> => {
  const newest = new Map<string, NewestCredit[]>();
  if (quota.size === 0) return newest;
  const logins = [...quota.keys()].map((login) => login.toLowerCase());
  const limits = [...quota.values()];
  const rows = await sql<
    {
      login: string;
      category: Category;
      rule: RuleId;
      repo: string;
      url: string;
      occurred_at: Date;
      title: string | null;
    }[]
  >`
    select w.login, i.category, i.rule, i.repo, i.url, i.occurred_at, t.title
    from unnest(${logins}::text[], ${limits}::int[]) as w(login, quota)
    cross join lateral (
      select c.category, c.rule, c.repo, c.url, c.occurred_at, c.subject_key
      from credits c
      where lower(c.actor_login) = w.login
        and ${inScope(sql, scope)}
        ${visibleOnly(sql, scope)}
        and ${isGlueCredit(sql)}
      order by c.occurred_at desc, c.url collate "C", c.rule collate "C", c.category collate "C"
      limit w.quota
    ) i
    left join subject_titles t on t.installation_id = ${scope.installationId} and t.subject_key = i.subject_key
  `;
  for (const row of rows) {
    const items = newest.get(row.login) ?? [];
    newest.set(row.login, items);
    items.push({
      category: row.category,
      rule: row.rule,
      repo: row.repo,
      url: row.url,
      at: row.occurred_at.toISOString(),
      title: row.title,
    });
  }
  return newest;
};
