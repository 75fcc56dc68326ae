import type { RuleId } from "../vocabulary/rules.js";
import type { Sql } from "./db.js";
import { type MonthScope, visibleOnly } from "./month-scope.js";

const prUrl = (url: string) => url.split("#")[0] ?? url;

/**
 * The merged PR a credit is about, looked up from the credit by the index `pull_requests_by_subject`
 * (the key spelled exactly as the index does, `number::text`): the highlights then cost what the
 * month's credits cost, however many PRs the installation has.
 */
const mergedPull = (sql: Sql) => sql`
  select p.author_login from pull_requests p
  where p.installation_id = c.installation_id and p.repo || '#' || p.number::text = c.subject_key
    and p.repo_id = c.repo_id and p.merged
  limit 1
`;

/**
 * Credits whose evidence says `detail` (a review's state) on PRs that were merged afterwards:
 * with `changes_requested`, problems caught early.
 */
export const queryPreventativeWins = async (sql: Sql, window: MonthScope, detail: string) => {
  const rows = await sql<{ actor_login: string; url: string; subject_key: string }[]>`
    select c.actor_login, c.url, c.subject_key from credits c
    cross join lateral (${mergedPull(sql)}) p
    where c.installation_id = ${window.installationId}
      and c.detail = ${detail}
      and c.occurred_at between ${window.since} and ${window.until}
      ${window.repoId === undefined ? sql`` : sql`and c.repo_id = ${window.repoId}`}
      ${visibleOnly(sql, window)}
    order by c.occurred_at, c.source_key
  `;
  return rows.map((row) => ({ reviewer: row.actor_login, url: row.url, pr: row.subject_key }));
};

/** Merged PRs with credits of `rules` (mentoring a first-time contributor) in the window, with whose. */
export const queryNewcomerMerges = async (sql: Sql, window: MonthScope, rules: readonly RuleId[]) => {
  const rows = await sql<{ subject_key: string; author_login: string; helpers: string[]; url: string }[]>`
    select c.subject_key, p.author_login, array_agg(distinct c.actor_login order by c.actor_login) as helpers, min(c.url) as url
    from credits c
    cross join lateral (${mergedPull(sql)}) p
    where c.installation_id = ${window.installationId}
      and c.rule = any(${[...rules]}::text[])
      and c.occurred_at between ${window.since} and ${window.until}
      ${window.repoId === undefined ? sql`` : sql`and c.repo_id = ${window.repoId}`}
      ${visibleOnly(sql, window)}
      -- The newcomer is named too: not someone who asked to be left out of every report.
      and not exists (
        select 1 from opt_outs o where o.installation_id = c.installation_id and o.login = lower(p.author_login)
      )
    group by c.subject_key, p.author_login
    order by c.subject_key
  `;
  return rows.map((row) => ({
    login: row.author_login,
    url: prUrl(row.url),
    pr: row.subject_key,
    helpers: row.helpers,
  }));
};
