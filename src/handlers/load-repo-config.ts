import type { Logger } from "pino";
import { type ParsedConfig, parseConfig, unreadableConfig } from "../config/parse-config.js";
import type { Sql } from "../store/db.js";
import { findCachedConfig, saveCachedConfig } from "../store/repo-config-cache.js";

export const CONFIG_FILE = "gluework.yml";

/** Where config is read: a webhook's `context`, or an installation client's (background work). */
export type ConfigSource = { config: (fileName: string) => Promise<unknown>; log: Pick<Logger, "warn"> };

/**
 * The repository's validated config: cached in the store, else read through Probot's
 * `context.config` (which follows `_extends` and the org's `.github` repository). Invalid or
 * unreadable config gives the defaults plus its problems, logged, never a crash.
 */
export const loadRepoConfig = async (
  sql: Sql,
  context: ConfigSource,
  repo: { id: number; fullName: string },
  installationId: number,
): Promise<ParsedConfig> => {
  const cached = await findCachedConfig(sql, installationId, repo.id);
  if (cached) return cached;
  let parsed: ParsedConfig;
  try {
    parsed = parseConfig(await context.config(CONFIG_FILE));
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status !== undefined && status >= 500) throw error;
    parsed = unreadableConfig(error instanceof Error ? error.message : String(error));
  }
  if (parsed.problems.length > 0) {
    context.log.warn({ repo: repo.fullName, problems: parsed.problems }, "config invalid, using defaults");
  }
  await saveCachedConfig(sql, installationId, repo.id, parsed);
  return parsed;
};

export type SharedConfigLoads = typeof loadRepoConfig;

/**
 * `loadRepoConfig`, with one load shared by the deliveries of a repository that ask at the same
 * moment: when its cached config is missing or expired, a burst of deliveries would otherwise
 * each read the file from GitHub.
 */
export const createSharedConfigLoads = (): SharedConfigLoads => {
  const inFlight = new Map<string, Promise<ParsedConfig>>();
  return (sql, context, repo, installationId) => {
    const key = `${installationId}:${repo.id}`;
    const running = inFlight.get(key);
    if (running) return running;
    const load = loadRepoConfig(sql, context, repo, installationId).finally(() => inFlight.delete(key));
    inFlight.set(key, load);
    return load;
  };
};
