import type { RepositoryChange } from "../vocabulary/repository-change.js";
import type { Sql } from "./db.js";

/**
 * Keeps what is stored of a repository current, by its id: the name on its credits (and the
 * subject keys that start with it), its pull requests and history imports, and whether it is
 * private. A repository that later takes the old name has another id and shares none of it.
 */
export const applyRepositoryChange = async (sql: Sql, change: RepositoryChange): Promise<void> => {
  const { installationId, repoId, fullName } = change;
  await sql.begin(async (tx) => {
    await tx`
      update credits set
        subject_key = case
          when starts_with(subject_key, repo) then ${fullName} || substr(subject_key, char_length(repo) + 1)
          else subject_key
        end,
        repo = ${fullName},
        repo_private = ${change.private}
      where installation_id = ${installationId} and repo_id = ${repoId}
        and (repo <> ${fullName} or repo_private <> ${change.private})
    `;
    await tx`
      update pull_requests set repo = ${fullName}
      where installation_id = ${installationId} and repo_id = ${repoId} and repo <> ${fullName}
    `;
    await tx`
      update backfill_runs set repo = ${fullName}
      where installation_id = ${installationId} and repo_id = ${repoId} and repo <> ${fullName}
    `;
  });
};
