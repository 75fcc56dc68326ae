import type { CreditRow } from "../vocabulary/ledger.js";
import type { Category, RuleId } from "../vocabulary/rules.js";
import type { Sql } from "./db.js";
import { inScope, isGlueCredit, type MonthScope, visibleOnly } from "./month-scope.js";
import { notOptedOut } from "./opted-out.js";
import { type CreditTeam, creditTeamsWhere, inTeams } from "./team-queries.js";

export type CreditQuery = {
  installationId: number;
  since: Date;
  /** Inclusive. */
  until: Date;
  repo?: string | undefined;
  /** Only credits earned while their person was in one of these teams (a team and those nested in it). */
  teamIds?: readonly number[] | undefined;
};

/**
 * The id of the repository called `owner/name` now: the one whose credit with that name was
 * recorded last (`repository` events rename the older ones). A name a repository gave up and
 * another took names the newer one only.
 */
const repoIdNamed = (sql: Sql, installationId: number, fullName: string) => sql`(
  select r.repo_id from credits r
  where r.installation_id = ${installationId} and lower(r.repo) = ${fullName.toLowerCase()}
  order by r.recorded_at desc, r.occurred_at desc
  limit 1
)`;

/** The conditions on `credits c` of a query: its window, repository and team, without anyone who opted out. */
const matching = (sql: Sql, query: CreditQuery) => sql`
  c.installation_id = ${query.installationId}
  and c.occurred_at >= ${query.since}
  and c.occurred_at <= ${query.until}
  ${query.repo ? sql`and c.repo_id = ${repoIdNamed(sql, query.installationId, query.repo)}` : sql``}
  ${query.teamIds ? sql`and ${inTeams(sql, query.teamIds)}` : sql``}
  and ${notOptedOut(sql, query.installationId)}
`;

/** The credits of a window, oldest first, without anyone who opted out; `repo` by its current id. */
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
    where ${matching(sql, query)}
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
 * For each person with credits the query matches, the teams they were in when they earned them
 * (secret ones too), by lowercased login.
 */
export const queryCreditTeams = (sql: Sql, query: CreditQuery): Promise<Map<string, CreditTeam[]>> =>
  creditTeamsWhere(sql, query.installationId, matching(sql, query));

/**
 * A window's totals as a report counts them (glue and code credits, people, repositories),
 * computed in the database: for a month the report only compares with. Only the scope's shown
 * repositories count; `repoId` keeps only that one. One pass with hashed grouping sets
 * (per login, per repository) rather than `count(distinct …)`, which sorts the month.
 */
export const queryCreditTotals = async (
  sql: Sql,
  query: MonthScope,
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
        count(*) filter (where ${isGlueCredit(sql)}) as glue,
        count(*) filter (where not ${isGlueCredit(sql)}) as code
      from credits c
      where ${inScope(sql, query)} ${visibleOnly(sql, query)}
      group by grouping sets ((c.actor_login), (c.repo_id))
    ) sets
  `;
  return row ?? { glue: 0, code: 0, people: 0, repositories: 0 };
};

/**
 * The repositories (by id) with credits in a window, without anyone who opted out. Grouped, not
 * `distinct on` in order of first credit, which sorted the month.
 */
export const queryCreditRepos = async (
  sql: Sql,
  query: Pick<MonthScope, "installationId" | "since" | "until">,
): Promise<number[]> => {
  const rows = await sql<{ repo_id: number }[]>`
    select c.repo_id from credits c
    where ${inScope(sql, { ...query, shownRepoIds: null })}
    group by c.repo_id
    order by c.repo_id
  `;
  return rows.map((row) => row.repo_id);
};

/** How many credits an installation's ledger holds. */
export const countCredits = async (sql: Sql, installationId: number): Promise<number> => {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from credits where installation_id = ${installationId}
  `;
  return row?.n ?? 0;
};
