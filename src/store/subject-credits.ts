import type { Category, RuleId } from "../vocabulary/rules.js";
import type { Sql } from "./db.js";
import { notOptedOut } from "./opted-out.js";

/**
 * The credits on one PR, issue or discussion of repository `repoId`, oldest first, without people
 * who opted out. The repository is matched by id: another repository that takes its name later
 * (after a rename) never sees these credits.
 */
export const querySubjectCredits = async (
  sql: Sql,
  subject: { installationId: number; repoId: number; subjectKey: string },
): Promise<{ actorLogin: string; category: Category; rule: RuleId; url: string; at: string }[]> => {
  const rows = await sql<
    { actor_login: string; category: Category; rule: RuleId; url: string; occurred_at: Date }[]
  >`
    select actor_login, category, rule, url, occurred_at from credits c
    where c.installation_id = ${subject.installationId}
      and c.subject_key = ${subject.subjectKey}
      and c.repo_id = ${subject.repoId}
      and ${notOptedOut(sql, subject.installationId)}
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
