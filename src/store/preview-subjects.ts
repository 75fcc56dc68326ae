import type { Sql } from "./db.js";

/**
 * The pull requests of a window with glue credits, the most people first (then by key), and whether
 * each is merged: the demo's preview shows the check run and credit comment of the busiest.
 */
export const queryBusiestPullRequests = async (
  sql: Sql,
  query: { installationId: number; since: Date; until: Date },
): Promise<{ subjectKey: string; repo: string; number: number; merged: boolean; people: number }[]> => {
  const rows = await sql<
    { subject_key: string; repo: string; number: number; merged: boolean; people: number }[]
  >`
    select c.subject_key, c.repo, p.number, coalesce(bool_or(p.merged), false) as merged,
      count(distinct lower(c.actor_login))::int as people
    from credits c
    join pull_requests p on p.installation_id = c.installation_id and p.repo = c.repo
      and c.subject_key = p.repo || '#' || p.number
    where c.installation_id = ${query.installationId}
      and c.occurred_at >= ${query.since} and c.occurred_at <= ${query.until}
      and c.subject_type = 'pull_request' and c.category <> 'code'
    group by c.subject_key, c.repo, p.number
    order by people desc, c.subject_key
  `;
  return rows.map((row) => ({
    subjectKey: row.subject_key,
    repo: row.repo,
    number: row.number,
    merged: row.merged,
    people: row.people,
  }));
};
