import type { MonthTrend } from "../vocabulary/ledger.js";
import type { Category } from "../vocabulary/rules.js";
import type { Sql } from "./db.js";
import { inScope, isGlueCredit, type MonthScope, visibleOnly } from "./month-scope.js";

/**
 * Glue per UTC month of a scope (several months): per category the credits, the people and the most
 * any one person did; per month the glue, the people and how few of them together did half of it.
 * Counted in the database; months without glue are absent.
 */
export const queryGlueTrend = async (sql: Sql, scope: MonthScope): Promise<MonthTrend[]> => {
  const rows = await sql<
    { month: string; category: Category | null; total: number; people: number; top: number; half: number }[]
  >`
    with person as (
      select to_char(c.occurred_at at time zone 'UTC', 'YYYY-MM') as month,
        lower(c.actor_login) as login, c.category, count(*)::int as n
      from credits c
      where ${inScope(sql, scope)} ${visibleOnly(sql, scope)} and ${isGlueCredit(sql)}
      group by 1, 2, 3
    ), glue as (
      select month, login, sum(n)::int as n from person group by 1, 2
    ), ranked as (
      select month, n,
        sum(n) over (partition by month order by n desc, login rows unbounded preceding) - n as before,
        sum(n) over (partition by month) as total
      from glue
    )
    select month, category, sum(n)::int as total, count(*)::int as people, max(n)::int as top, 0 as half
    from person group by 1, 2
    union all
    select month, null, max(total)::int, count(*)::int, max(n)::int,
      count(*) filter (where before * 2 < total)::int
    from ranked group by 1
  `;
  const months = new Map<string, MonthTrend>();
  for (const row of rows) {
    const month = months.get(row.month) ?? { period: row.month, categories: {}, glue: 0, people: 0, half: 0 };
    months.set(row.month, month);
    if (row.category === null) {
      month.glue = row.total;
      month.people = row.people;
      month.half = row.half;
    } else {
      month.categories[row.category] = { total: row.total, people: row.people, top: row.top };
    }
  }
  return [...months.values()].sort((a, b) => (a.period < b.period ? -1 : 1));
};
