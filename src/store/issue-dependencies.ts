import type { Actor } from "../vocabulary/activity.js";
import type { Sql } from "./db.js";

export type BlockingIssue = { installationId: number; repoId: number; number: number };

/** What a delivery changes in the dependency records. */
export type DependencyChanges = {
  /** `blocked` recorded as blocked by `blocking`. */
  added: { blocking: BlockingIssue; blocked: { key: string; url: string; author: Actor; open: boolean } }[];
  removed: { blocking: BlockingIssue; blockedKey: string }[];
  /** Issues closed (`open: false`) or reopened: as blocked issues, they wait or no longer do. */
  states: { installationId: number; key: string; open: boolean }[];
};

/** The statements that apply `changes`, not yet sent (pipelined in a delivery's transaction). */
export const saveDependencyChangesQueries = (sql: Sql, changes: DependencyChanges) => {
  const statements = [];
  const added = [
    ...new Map(
      changes.added.map((change) => [
        `${change.blocking.installationId}:${change.blocking.repoId}:${change.blocking.number}:${change.blocked.key}`,
        {
          installation_id: change.blocking.installationId,
          blocking_repo_id: change.blocking.repoId,
          blocking_number: change.blocking.number,
          blocked_key: change.blocked.key,
          blocked_url: change.blocked.url,
          blocked_author_login: change.blocked.author.login,
          blocked_author_id: change.blocked.author.id,
          blocked_open: change.blocked.open,
        },
      ]),
    ).values(),
  ];
  if (added.length > 0) {
    statements.push(sql`
      insert into issue_dependencies ${sql(added)}
      on conflict (installation_id, blocking_repo_id, blocking_number, blocked_key) do update
        set blocked_open = excluded.blocked_open
    `);
  }
  for (const { blocking, blockedKey } of changes.removed) {
    statements.push(sql`
      delete from issue_dependencies
      where installation_id = ${blocking.installationId} and blocking_repo_id = ${blocking.repoId}
        and blocking_number = ${blocking.number} and blocked_key = ${blockedKey}
    `);
  }
  for (const { installationId, key, open } of changes.states) {
    statements.push(sql`
      update issue_dependencies set blocked_open = ${open}
      where installation_id = ${installationId} and blocked_key = ${key}
    `);
  }
  return statements;
};

/** The open issues recorded as blocked by `blocking`, with their authors. */
export const findBlockedBy = async (
  sql: Sql,
  blocking: BlockingIssue,
): Promise<{ url: string; author: Actor }[]> => {
  const rows = await sql<
    { blocked_url: string; blocked_author_login: string; blocked_author_id: string | null }[]
  >`
    select blocked_url, blocked_author_login, blocked_author_id from issue_dependencies
    where installation_id = ${blocking.installationId} and blocking_repo_id = ${blocking.repoId}
      and blocking_number = ${blocking.number} and blocked_open
    order by blocked_key
  `;
  return rows.map((row) => ({
    url: row.blocked_url,
    author: {
      login: row.blocked_author_login,
      id: row.blocked_author_id === null ? null : Number(row.blocked_author_id),
      bot: false,
    },
  }));
};
