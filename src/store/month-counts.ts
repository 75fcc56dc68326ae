import { CATEGORIES, type Category, isGlue } from "../vocabulary/rules.js";
import type { Sql } from "./db.js";
import { inScope, isShown, type MonthScope, visibleOnly } from "./month-scope.js";

export type PersonCounts = {
  /** As spelled on their earliest credit in the scope. */
  login: string;
  glue: number;
  code: number;
  /** Every category, in category order, 0 when none: objects of one shape read fast. */
  categories: Record<Category, number>;
};

export type MonthCounts = {
  /** Everyone with a credit shown, in no particular order. */
  people: PersonCounts[];
  /** Repositories with a credit shown. */
  repositories: number;
  /** Repositories with credits that the scope leaves out (not public now). */
  hiddenRepositories: number;
};

const noCredits = (): Record<Category, number> => {
  const counts: Partial<Record<Category, number>> = {};
  for (const category of CATEGORIES) counts[category] = 0;
  return counts as Record<Category, number>;
};

type Row = {
  by_repo: boolean;
  actor_login: string | null;
  category: Category | null;
  shown: boolean | null;
  credits: number;
};

/**
 * A scope's credits counted per person and category, and its repositories, in one pass over the
 * month with hashed grouping sets: the rows returned grow with people × categories, not with
 * credits. Logins differing only in case are one person, as everywhere else.
 */
export const queryMonthCounts = async (sql: Sql, scope: MonthScope): Promise<MonthCounts> => {
  const rows = await sql<Row[]>`
    select
      grouping(c.actor_login) = 1 as by_repo,
      c.actor_login, c.category, ${isShown(sql, scope)} as shown,
      count(*) filter (where ${isShown(sql, scope)})::int as credits
    from credits c
    where ${inScope(sql, scope)}
    group by grouping sets ((c.actor_login, c.category), (c.repo_id))
  `;
  const people = new Map<string, PersonCounts>();
  // People whose logins come in more than one spelling: their earliest credit's is looked up.
  const respelled = new Set<string>();
  let repositories = 0;
  let hiddenRepositories = 0;
  for (const row of rows) {
    if (row.by_repo) {
      if (row.shown) repositories += 1;
      else hiddenRepositories += 1;
      continue;
    }
    const login = row.actor_login as string;
    const category = row.category as Category;
    if (row.credits === 0) continue;
    const key = login.toLowerCase();
    let person = people.get(key);
    if (!person) {
      person = { login, glue: 0, code: 0, categories: noCredits() };
      people.set(key, person);
    } else if (person.login !== login) {
      respelled.add(key);
    }
    person.categories[category] += row.credits;
    if (isGlue(category)) person.glue += row.credits;
    else person.code += row.credits;
  }
  if (respelled.size > 0) {
    for (const [key, login] of await firstSpellings(sql, scope, [...respelled])) {
      const person = people.get(key);
      if (person) person.login = login;
    }
  }
  return { people: [...people.values()], repositories, hiddenRepositories };
};

/** The spelling of each person's (lower-cased login's) earliest credit in the scope (by time, then source key). */
const firstSpellings = async (
  sql: Sql,
  scope: MonthScope,
  keys: readonly string[],
): Promise<Map<string, string>> => {
  const rows = await sql<{ key: string; actor_login: string }[]>`
    select distinct on (lower(c.actor_login)) lower(c.actor_login) as key, c.actor_login
    from credits c
    where lower(c.actor_login) = any(${keys}::text[])
      and ${inScope(sql, scope)}
      ${visibleOnly(sql, scope)}
    order by lower(c.actor_login), c.occurred_at, c.source_key
  `;
  return new Map(rows.map((row) => [row.key, row.actor_login]));
};
