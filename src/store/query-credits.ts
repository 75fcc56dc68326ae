import type { Category, RuleId } from "../classify/rules.js";
import type { Sql } from "./db.js";
import { inScope, visibleOnly } from "./month-scope.js";

export type CreditRow = {
  actorLogin: string;
  category: Category;
  rule: RuleId;
  repo: string;
  repoPrivate: boolean;
  url: string;
  subjectKey: string;
  weight: number;
  occurredAt: Date;
  /** The subject's title, when known. */
  title?: string | null;
};

export type CreditQuery = {
  installationId: number;
  since: Date;
  /** Inclusive. */
  until: Date;
  repo?: string | undefined;
};

/** The credits of a window, oldest first, without anyone who opted out. */
export const queryCredits = async (sql: Sql, query: CreditQuery): Promise<CreditRow[]> => {
  const rows = await sql<
    {
      actor_login: string;
      category: Category;
      rule: RuleId;
      repo: string;
      repo_private: boolean;
      url: string;
      subject_key: string;
      weight: number;
      occurred_at: Date;
      title: string | null;
    }[]
  >`
    select c.actor_login, c.category, c.rule, c.repo, c.repo_private, c.url, c.subject_key, c.weight,
      c.occurred_at, t.title
    from credits c
    left join subject_titles t on t.installation_id = c.installation_id and t.subject_key = c.subject_key
    where c.installation_id = ${query.installationId}
      and c.occurred_at >= ${query.since}
      and c.occurred_at <= ${query.until}
      ${query.repo ? sql`and lower(c.repo) = ${query.repo.toLowerCase()}` : sql``}
      and not exists (
        select 1 from opt_outs o
        where o.installation_id = c.installation_id and o.login = lower(c.actor_login)
      )
    order by c.occurred_at, c.source_key
  `;
  return rows.map((row) => ({
    actorLogin: row.actor_login,
    category: row.category,
    rule: row.rule,
    repo: row.repo,
    repoPrivate: row.repo_private,
    url: row.url,
    subjectKey: row.subject_key,
    weight: row.weight,
    occurredAt: row.occurred_at,
    title: row.title,
  }));
};

/**
 * A window's totals as a report counts them (glue and code credits, people, repositories),
 * computed in the database: for a month the report only compares with. `includePrivate: false`
 * leaves private repositories out; `repo` keeps only that one. One pass with hashed grouping sets
 * (per login, per repository) rather than `count(distinct …)`, which sorts the month.
 */
export const queryCreditTotals = async (
  sql: Sql,
  query: CreditQuery & { includePrivate: boolean },
): Promise<{ glue: number; code: number; people: number; repositories: number }> => {
  const [row] = await sql<{ glue: number; code: number; people: number; repositories: number }[]>`
    select
      coalesce(sum(glue) filter (where not by_repo), 0)::int as glue,
      coalesce(sum(code) filter (where not by_repo), 0)::int as code,
      count(distinct lower(actor_login)) filter (where not by_repo)::int as people,
      count(*) filter (where by_repo)::int as repositories
    from (
      select
        grouping(c.actor_login) = 1 as by_repo,
        c.actor_login,
        count(*) filter (where c.category <> 'code') as glue,
        count(*) filter (where c.category = 'code') as code
      from credits c
      where ${inScope(sql, query)} ${visibleOnly(sql, query)}
      group by grouping sets ((c.actor_login), (c.repo))
    ) sets
  `;
  return row ?? { glue: 0, code: 0, people: 0, repositories: 0 };
};

/**
 * The repositories (`owner/name`) with credits in a window, without anyone who opted out, by
 * name. Grouped, not `distinct on` in order of first credit, which sorted the month.
 */
export const queryCreditRepos = async (sql: Sql, query: CreditQuery): Promise<string[]> => {
  const rows = await sql<{ repo: string }[]>`
    select c.repo from credits c
    where ${inScope(sql, { ...query, includePrivate: true })}
    group by c.repo
    order by c.repo
  `;
  return rows.map((row) => row.repo);
};
