import type { Category, RuleId } from "../classify/rules.js";
import type { Sql } from "./db.js";

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
    }[]
  >`
    select actor_login, category, rule, repo, repo_private, url, subject_key, weight, occurred_at
    from credits c
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
  }));
};
