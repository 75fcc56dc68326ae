import { z } from "zod";
import type { ChangedFile } from "../vocabulary/credit.js";
import type { Sql, Tx } from "./db.js";

const filesSchema = z.array(z.object({ path: z.string(), additions: z.number(), deletions: z.number() }));

export type PullRequestKey = { installationId: number; repoId: number; number: number };

/** The cached file list of a PR: for `headSha` only when given, else whatever was last read. */
export const findPullRequestFiles = async (
  sql: Sql,
  key: PullRequestKey,
  headSha?: string,
): Promise<ChangedFile[] | null> => {
  const [row]: [{ files: unknown; head_sha: string }?] = await sql`
    select files, head_sha from pull_request_files
    where installation_id = ${key.installationId} and repo_id = ${key.repoId} and number = ${key.number}
  `;
  if (!row || (headSha && row.head_sha !== headSha)) return null;
  return filesSchema.parse(row.files);
};

export const savePullRequestFiles = async (
  sql: Sql,
  key: PullRequestKey,
  headSha: string,
  files: readonly ChangedFile[],
): Promise<void> => {
  await sql`
    insert into pull_request_files (installation_id, repo_id, number, head_sha, files)
    values (${key.installationId}, ${key.repoId}, ${key.number}, ${headSha}, ${sql.json(files as ChangedFile[])})
    on conflict (installation_id, repo_id, number) do update
      set head_sha = excluded.head_sha, files = excluded.files, fetched_at = now()
  `;
};

/** Remembers when a draft PR was marked ready, so waiting time starts there. */
export const saveReadyAtQuery = (sql: Sql | Tx, key: PullRequestKey, readyAt: string) => (sql as Sql)`
  insert into pull_request_ready (installation_id, repo_id, number, ready_at)
  values (${key.installationId}, ${key.repoId}, ${key.number}, ${readyAt})
  on conflict (installation_id, repo_id, number) do update
    set ready_at = greatest(pull_request_ready.ready_at, excluded.ready_at)
`;

export const saveReadyAt = async (sql: Sql | Tx, key: PullRequestKey, readyAt: string): Promise<void> => {
  await saveReadyAtQuery(sql, key, readyAt);
};

export const findReadyAt = async (sql: Sql, key: PullRequestKey): Promise<string | null> => {
  const [row]: [{ ready_at: Date }?] = await sql`
    select ready_at from pull_request_ready
    where installation_id = ${key.installationId} and repo_id = ${key.repoId} and number = ${key.number}
  `;
  return row ? row.ready_at.toISOString() : null;
};
