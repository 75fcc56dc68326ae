import type { Logger } from "pino";
import type { ParsedConfig } from "../config/parse-config.js";
import type { RepoRef } from "../events/activity.js";
import { type ConfigSource, loadRepoConfig } from "../handlers/load-repo-config.js";
import type { Octokit } from "../publish/github-write.js";
import type { Sql } from "../store/db.js";

/**
 * Reads `.github/<file>` as `context.config` does (following `_extends` and the org's `.github`
 * repository), for work that has an installation client but no webhook context.
 */
export const configSourceFor = (octokit: Octokit, repo: RepoRef, log: Logger): ConfigSource => ({
  log,
  config: async (fileName) => {
    const { config, files } = await octokit.config.get({
      owner: repo.owner,
      repo: repo.name,
      path: `.github/${fileName}`,
    });
    return files.some((file) => file.config !== null) ? config : null;
  },
});

/** The repository's config through the same cache the webhook path uses. */
export const loadBackfillConfig =
  (sql: Sql, octokit: Octokit, installationId: number, log: Logger) =>
  (repo: RepoRef): Promise<ParsedConfig> =>
    loadRepoConfig(
      sql,
      configSourceFor(octokit, repo, log),
      { id: repo.id, fullName: repo.fullName },
      installationId,
    );
