import type { Sql } from "./db.js";
import { isGlueCredit } from "./month-scope.js";

/**
 * The pull requests of a window with glue credits, the most people first (then by key), and whether
 * each is merged: the demo's preview shows the check run and credit comment of the busiest.
 */
export const queryBusiestPullRequests = async (
  sql: Sql,
  query: { installationId: number; since: Date; until: Date },
): Promise<
  { subjectKey: string; repo: string; repoId: number; number: number; merged: boolean; people: number }[]
> => {
  const rows = await sql<
    { subject_key: string; repo: string; repo_id: string; number: number; merged: boolean; people: number }[]
  >`
    select c.subject_key, c.repo, p.repo_id, p.number, coalesce(bool_or(p.merged), false) as merged,
      count(distinct lower(c.actor_login))::int as people
    from credits c
    join pull_requests p on p.installation_id = c.installation_id and p.repo = c.repo
      and c.subject_key = p.repo || '#' || p.number
    where c.installation_id = ${query.installationId}
      and c.occurred_at >= ${query.since} and c.occurred_at <= ${query.until}
      and c.subject_type = 'pull_request' and ${isGlueCredit(sql)}
    group by c.subject_key, c.repo, p.repo_id, p.number
    order by people desc, c.subject_key
  `;
  return rows.map((row) => ({
    subjectKey: row.subject_key,
    repo: row.repo,
    repoId: Number(row.repo_id),
    number: row.number,
    merged: row.merged,
    people: row.people,
  }));
};

/** A person's user id as their credits carry it, and the ids of the installation's public repositories. */
export const queryPortfolioScope = async (
  sql: Sql,
  installationId: number,
  login: string,
): Promise<{ actorId: number | null; publicRepoIds: number[] }> => {
  const [actor]: [{ actor_id: string | null }?] = await sql`
    select actor_id from credits
    where installation_id = ${installationId} and lower(actor_login) = ${login.toLowerCase()} and actor_id is not null
    limit 1
  `;
  const repos = await sql<{ repo_id: string }[]>`
    select distinct repo_id from credits where installation_id = ${installationId} and not repo_private
  `;
  return {
    actorId: actor?.actor_id ? Number(actor.actor_id) : null,
    publicRepoIds: repos.map((row) => Number(row.repo_id)),
  };
};
