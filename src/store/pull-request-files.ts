import { z } from "zod";
import type { ChangedFile } from "../vocabulary/credit.js";
import type { Sql } from "./db.js";

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

/** How `findStoredFileLists` names a PR. */
export const pullRequestKeyOf = (key: PullRequestKey): string =>
  `${key.installationId}:${key.repoId}:${key.number}`;

/**
 * Which of these PRs have a file list stored (for the head sha given; any when it is null), in
 * one query: the keys, as `pullRequestKeyOf` names them.
 */
export const findStoredFileLists = async (
  sql: Sql,
  wanted: readonly (PullRequestKey & { headSha: string | null })[],
): Promise<Set<string>> => {
  if (wanted.length === 0) return new Set();
  const rows = wanted.map((w) => ({
    installation_id: w.installationId,
    repo_id: w.repoId,
    number: w.number,
    head_sha: w.headSha,
  }));
  const found = await sql<{ installation_id: number; repo_id: number; number: number }[]>`
    select distinct f.installation_id, f.repo_id, f.number
    from jsonb_to_recordset(${sql.json(rows)})
      as w(installation_id bigint, repo_id bigint, number integer, head_sha text)
    join pull_request_files f
      on f.installation_id = w.installation_id and f.repo_id = w.repo_id and f.number = w.number
    where w.head_sha is null or f.head_sha = w.head_sha
  `;
  return new Set(
    found.map((row) =>
      pullRequestKeyOf({ installationId: row.installation_id, repoId: row.repo_id, number: row.number }),
    ),
  );
};

export type PullRequestFileList = { key: PullRequestKey; headSha: string; files: readonly ChangedFile[] };

/** Stores PR file lists, one statement for all of them (for a PR given twice, the last). */
export const saveFileLists = async (sql: Sql, lists: readonly PullRequestFileList[]): Promise<void> => {
  if (lists.length === 0) return;
  const rows = [...new Map(lists.map((list) => [pullRequestKeyOf(list.key), list])).values()].map(
    ({ key, headSha, files }) => ({
      installation_id: key.installationId,
      repo_id: key.repoId,
      number: key.number,
      head_sha: headSha,
      files,
    }),
  );
  await sql`
    insert into pull_request_files (installation_id, repo_id, number, head_sha, files)
    select installation_id, repo_id, number, head_sha, files
    from jsonb_to_recordset(${sql.json(rows as never)})
      as r(installation_id bigint, repo_id bigint, number integer, head_sha text, files jsonb)
    on conflict (installation_id, repo_id, number) do update
      set head_sha = excluded.head_sha, files = excluded.files, fetched_at = now()
  `;
};

export const savePullRequestFiles = (
  sql: Sql,
  key: PullRequestKey,
  headSha: string,
  files: readonly ChangedFile[],
): Promise<void> => saveFileLists(sql, [{ key, headSha, files }]);

/** Remembers when a draft PR was marked ready, so waiting time starts there. */
export const saveReadyAtQuery = (sql: Sql, key: PullRequestKey, readyAt: string) => sql`
  insert into pull_request_ready (installation_id, repo_id, number, ready_at)
  values (${key.installationId}, ${key.repoId}, ${key.number}, ${readyAt})
  on conflict (installation_id, repo_id, number) do update
    set ready_at = greatest(pull_request_ready.ready_at, excluded.ready_at)
`;

export const findReadyAt = async (sql: Sql, key: PullRequestKey): Promise<string | null> => {
  const [row]: [{ ready_at: Date }?] = await sql`
    select ready_at from pull_request_ready
    where installation_id = ${key.installationId} and repo_id = ${key.repoId} and number = ${key.number}
  `;
  return row ? row.ready_at.toISOString() : null;
};
