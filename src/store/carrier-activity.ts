import type { Category } from "../vocabulary/rules.js";
import type { Sql } from "./db.js";
import { inScope, type MonthScope, visibleOnly } from "./month-scope.js";

export type CarrierActivityRow = {
  category: Category;
  /** The repositories of the carrier's credits in `category`. */
  repos: string[];
  /**
   * Everyone else with credits of any category in those repositories (login as spelled), how many,
   * and whether any of those credits showed them as a team member (`members` associations).
   */
  others: { login: string; credits: number; member: boolean }[];
};

/**
 * For each category and the login of the person who carries it: where they did it, and how many
 * credits everyone else has there. Only months with a carrier need it: one more pass over the
 * month's credits in those repositories.
 */
export const queryCarrierActivity = async (
  sql: Sql,
  scope: MonthScope,
  carriers: readonly { category: Category; login: string }[],
  members: readonly string[] = ["OWNER", "MEMBER", "COLLABORATOR"],
): Promise<CarrierActivityRow[]> => {
  if (carriers.length === 0) return [];
  const rows = await sql<
    { category: Category; repo: string | null; login: string | null; credits: number; member: boolean }[]
  >`
    with carrier as (
      select * from unnest(
        ${carriers.map((carrier) => carrier.category)}::text[],
        ${carriers.map((carrier) => carrier.login.toLowerCase())}::text[]
      ) as k(category, login)
    ), carried as (
      select k.category, k.login, c.repo_id, min(c.repo) as repo
      from carrier k
      join credits c on lower(c.actor_login) = k.login and c.category = k.category
      where ${inScope(sql, scope)} ${visibleOnly(sql, scope)}
      group by k.category, k.login, c.repo_id
    )
    select category, repo, null as login, 0 as credits, false as member from carried
    union all
    select r.category, null, c.actor_login, count(*)::int,
      coalesce(bool_or(upper(c.actor_association) = any(${members.map((m) => m.toUpperCase())}::text[])), false)
    from carried r
    join credits c on c.repo_id = r.repo_id and lower(c.actor_login) <> r.login
    where ${inScope(sql, scope)} ${visibleOnly(sql, scope)}
    group by r.category, c.actor_login
  `;
  return carriers.map(({ category }) => {
    const mine = rows.filter((row) => row.category === category);
    const others = new Map<string, { login: string; credits: number; member: boolean }>();
    for (const row of mine) {
      if (row.login === null) continue;
      const key = row.login.toLowerCase();
      const other = others.get(key) ?? { login: row.login, credits: 0, member: false };
      others.set(key, other);
      other.credits += row.credits;
      other.member ||= row.member;
    }
    return {
      category,
      repos: mine.flatMap((row) => (row.repo === null ? [] : [row.repo])),
      others: [...others.values()],
    };
  });
};
