import type { Logger } from "pino";
import type { ParsedConfig } from "../config/parse-config.js";
import type { RepoRef } from "../events/activity.js";
import { readConfigFiles } from "../github/read-config.js";
import { type ConfigSource, loadRepoConfig } from "../handlers/load-repo-config.js";
import type { Octokit } from "../publish/github-write.js";
import type { Sql } from "../store/db.js";

/**
 * Reads `.github/<file>` as `context.config` does (following `_extends` and the org's `.github`
 * repository), with a webhook's or a background job's installation client.
 */
export const configSourceFor = (
  octokit: Octokit,
  repo: Pick<RepoRef, "owner" | "name">,
  log: Logger,
): ConfigSource => ({
  log,
  config: (fileName) => readConfigFiles(octokit, repo, fileName),
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
