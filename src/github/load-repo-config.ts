import type { Logger } from "pino";
import {
  type ParsedConfig,
  parseConfig,
  reportSettingsNote,
  unreadableConfig,
} from "../config/parse-config.js";
import { CONFIG_FILE } from "../events/config-change.js";
import type { Sql } from "../store/db.js";
import { findCachedConfig, saveCachedConfig } from "../store/repo-config-cache.js";
import type { RepoRef } from "../vocabulary/activity.js";
import type { Octokit } from "./octokit.js";
import { type ConfigFiles, readConfigFiles } from "./read-config.js";

/** Where config is read from: anything that reads `.github/<file>` as Probot's `context.config` does. */
export type ConfigSource = { config: (fileName: string) => Promise<ConfigFiles>; log: Pick<Logger, "warn"> };

/**
 * Reads `.github/<file>` with an installation client, following `_extends` and the org's `.github`
 * repository as `context.config` does.
 */
export const configSourceFor = (
  octokit: Octokit,
  repo: Pick<RepoRef, "owner" | "name">,
  log: Pick<Logger, "warn">,
): ConfigSource => ({
  log,
  config: (fileName) => readConfigFiles(octokit, repo, fileName),
});

/**
 * The repository's validated config, the one way Gluework loads it: cached in the store, else
 * read from GitHub. Invalid or unreadable config gives the defaults plus its problems, logged,
 * never a crash; GitHub failing (5xx) is thrown, so the caller retries. A repository's own file
 * that sets what only the organisation's config decides gets a note saying so.
 */
export const loadRepoConfig = async (
  sql: Sql,
  source: ConfigSource,
  repo: { id: number; fullName: string },
  installationId: number,
): Promise<ParsedConfig> => {
  const cached = await findCachedConfig(sql, installationId, repo.id);
  if (cached) return cached;
  let parsed: ParsedConfig;
  try {
    const files = await source.config(CONFIG_FILE);
    const note = repo.fullName.split("/")[1] === ".github" ? null : reportSettingsNote(files.own);
    const read = parseConfig(files.merged);
    parsed = note ? { ...read, problems: [...read.problems, note] } : read;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status !== undefined && status >= 500) throw error;
    parsed = unreadableConfig(error instanceof Error ? error.message : String(error));
  }
  if (parsed.problems.length > 0) {
    source.log.warn({ repo: repo.fullName, problems: parsed.problems }, "config invalid, using defaults");
  }
  await saveCachedConfig(sql, installationId, repo.id, parsed);
  return parsed;
};

/**
 * `loadRepoConfig` for one installation client, each repository loaded once however many of its
 * activities ask (one batch of work, not kept longer).
 */
export const repoConfigLoader = (
  sql: Sql,
  octokit: Octokit,
  installationId: number,
  log: Pick<Logger, "warn">,
) => {
  const loads = new Map<number, Promise<ParsedConfig>>();
  return (repo: Pick<RepoRef, "id" | "owner" | "name" | "fullName">): Promise<ParsedConfig> => {
    const known = loads.get(repo.id);
    if (known) return known;
    const load = loadRepoConfig(sql, configSourceFor(octokit, repo, log), repo, installationId);
    loads.set(repo.id, load);
    load.catch(() => loads.delete(repo.id));
    return load;
  };
};
