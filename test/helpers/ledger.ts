import type { Sql } from "../../src/store/db.js";

/** Every row of the credits table but `recorded_at`, ordered by source key: the ledger to compare. */
export const ledgerRows = async (sql: Sql): Promise<Record<string, unknown>[]> => {
  const rows = await sql`
    select installation_id, source_key, repo_id, repo, repo_private, actor_login, actor_id, category,
           rule, weight, subject_type, subject_key, url, occurred_at, actor_association
    from credits
    order by installation_id, source_key
  `;
  return rows.map((row) => ({ ...row }));
};

/** Who got which credit, in the order it happened: `[login, rule]` pairs of the whole table. */
export const credited = async (sql: Sql): Promise<[string, string][]> => {
  const rows = await sql<{ actor_login: string; rule: string }[]>`
    select actor_login, rule from credits order by occurred_at, source_key
  `;
  return rows.map((row) => [row.actor_login, row.rule]);
};

/** The credit rows with the fields a scenario usually pins down. */
export const creditDetails = async (sql: Sql) =>
  sql<
    {
      actor_login: string;
      actor_id: string | null;
      category: string;
      rule: string;
      weight: number;
      subject_type: string;
      subject_key: string;
      url: string;
      occurred_at: Date;
    }[]
  >`
    select actor_login, actor_id, category, rule, weight, subject_type, subject_key, url, occurred_at
    from credits order by occurred_at, source_key
  `;

/** The "blocked by" records the store keeps, in order: what closing a blocker is credited from. */
export const dependencyRows = async (sql: Sql): Promise<Record<string, unknown>[]> => {
  const rows = await sql`
    select installation_id, blocking_repo_id, blocking_number, blocked_key, blocked_url,
           blocked_author_login, blocked_author_id, blocked_open
    from issue_dependencies
    order by installation_id, blocking_repo_id, blocking_number, blocked_key
  `;
  return rows.map((row) => ({ ...row }));
};
