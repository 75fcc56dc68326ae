import type { Category, RuleId } from "../classify/rules.js";
import type { Sql } from "./db.js";

/** The credits on one PR, issue or discussion, oldest first, without people who opted out. */
export const querySubjectCredits = async (
  sql: Sql,
  installationId: number,
  subjectKey: string,
): Promise<{ actorLogin: string; category: Category; rule: RuleId; url: string; at: string }[]> => {
  const rows = await sql<
    { actor_login: string; category: Category; rule: RuleId; url: string; occurred_at: Date }[]
  >`
    select actor_login, category, rule, url, occurred_at from credits c
    where c.installation_id = ${installationId} and c.subject_key = ${subjectKey}
      and not exists (
        select 1 from opt_outs o where o.installation_id = c.installation_id and o.login = lower(c.actor_login)
      )
    order by c.occurred_at, c.source_key
  `;
  return rows.map((row) => ({
    actorLogin: row.actor_login,
    category: row.category,
    rule: row.rule,
    url: row.url,
    at: row.occurred_at.toISOString(),
  }));
};
