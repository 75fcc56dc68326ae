import type { Logger } from "pino";
import type { ParsedConfig } from "../config/parse-config.js";
import { repoConfigLoader } from "../github/load-repo-config.js";
import type { Octokit } from "../github/octokit.js";
import type { Sql } from "../store/db.js";
import type { RepoRef } from "../vocabulary/activity.js";

/** The repository's config through the same loader and cache the classify stage uses. */
export const loadBackfillConfig = (
  sql: Sql,
  octokit: Octokit,
  installationId: number,
  log: Logger,
): ((repo: RepoRef) => Promise<ParsedConfig>) => repoConfigLoader(sql, octokit, installationId, log);
