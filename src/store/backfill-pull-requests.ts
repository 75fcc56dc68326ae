import type { ChangedFile } from "../vocabulary/credit.js";
import type { Sql } from "./db.js";

/** What a history import learned about a PR that later webhooks reuse. */
export type BackfilledPullRequest = {
  installationId: number;
  repoId: number;
  number: number;
  headSha: string;
  files: readonly ChangedFile[];
  /** The last time it was marked ready for review, if it ever was. */
  readyAt: string | null;
};

/**
 * Keeps the file lists (so a later comment on the PR is classified without reading GitHub) and
 * the ready-for-review times (so a later review measures its wait from there) of a page of PRs.
 */
export const saveBackfilledPullRequests = async (
  sql: Sql,
  pulls: readonly BackfilledPullRequest[],
): Promise<void> => {
  const withFiles = pulls.filter((pull) => pull.files.length > 0);
  if (withFiles.length > 0) {
    await sql`
      insert into pull_request_files ${sql(
        withFiles.map((pull) => ({
          installation_id: pull.installationId,
          repo_id: pull.repoId,
          number: pull.number,
          head_sha: pull.headSha,
          files: sql.json(pull.files as ChangedFile[]),
        })),
      )}
      on conflict (installation_id, repo_id, number) do update
        set head_sha = excluded.head_sha, files = excluded.files, fetched_at = now()
    `;
  }
  const ready = pulls.filter((pull) => pull.readyAt !== null);
  if (ready.length > 0) {
    await sql`
      insert into pull_request_ready ${sql(
        ready.map((pull) => ({
          installation_id: pull.installationId,
          repo_id: pull.repoId,
          number: pull.number,
          ready_at: pull.readyAt,
        })),
      )}
      on conflict (installation_id, repo_id, number) do update
        set ready_at = greatest(pull_request_ready.ready_at, excluded.ready_at)
    `;
  }
};
