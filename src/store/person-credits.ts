import type { Category, RuleId } from "../vocabulary/rules.js";
import type { Sql } from "./db.js";
import { isGlueCredit, isShown } from "./month-scope.js";
import { ancestors, withTeamsOfTheTime } from "./team-queries.js";

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

/** A team whose glue a person carried: how many of their glue credits they earned while in it. */
export type CarriedTeam = { slug: string; name: string; glue: number };

/**
 * The visible (not secret) teams one person (by user id) was in when they earned their glue
 * credits since `since` in `shownRepoIds` (null: every repository), most glue first.
 */
export const queryPersonTeams = async (
  sql: Sql,
  query: { installationId: number; actorId: number; since: Date; shownRepoIds: readonly number[] | null },
): Promise<CarriedTeam[]> => {
  const { installationId } = query;
  return sql<CarriedTeam[]>`
    with recursive ${ancestors(sql, installationId)}
    select a.slug, a.name, count(distinct c.source_key)::int as glue
    from credits c
    ${withTeamsOfTheTime(sql, installationId)}
    where c.installation_id = ${installationId}
      and c.actor_id = ${query.actorId}
      and c.occurred_at >= ${query.since}
      and ${isGlueCredit(sql)}
      and ${isShown(sql, query)}
      and a.privacy <> 'secret'
    group by a.slug, a.name
    order by glue desc, lower(a.slug)
  `;
};
