import type { Logger } from "pino";
import {
  type ParsedConfig,
  parseConfig,
  reportSettingsNote,
  unreadableConfig,
} from "../config/parse-config.js";
import type { ConfigFiles } from "../github/read-config.js";
import type { Sql } from "../store/db.js";
import { findCachedConfig, saveCachedConfig } from "../store/repo-config-cache.js";

export const CONFIG_FILE = "gluework.yml";

/** Where config is read (`readConfigFiles` with a webhook's or a background job's client). */
export type ConfigSource = { config: (fileName: string) => Promise<ConfigFiles>; log: Pick<Logger, "warn"> };

/**
 * The repository's validated config: cached in the store, else read as Probot's `context.config`
 * reads it (following `_extends` and the org's `.github` repository). Invalid or unreadable
 * config gives the defaults plus its problems, logged, never a crash. A repository's own file that
 * sets what only the organisation's config decides gets a note saying so.
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
    const files = await context.config(CONFIG_FILE);
    const note = repo.fullName.split("/")[1] === ".github" ? null : reportSettingsNote(files.own);
    const read = parseConfig(files.merged);
    parsed = note ? { ...read, problems: [...read.problems, note] } : read;
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

/** How long a process trusts a config it loaded before asking the store again. */
export const CONFIG_MEMO_MS = 10_000;

export type SharedConfigLoads = {
  load: typeof loadRepoConfig;
  /** Forgets what this process holds of an installation's config: one repository's, or every one (null). */
  forget: (installationId: number, repoId: number | null) => void;
};

/**
 * `loadRepoConfig` for the deliveries of one process: one load shared by the deliveries of a
 * repository that ask at the same moment (when its cached config is missing or expired, a burst
 * would otherwise each read the file from GitHub), and the result kept for `CONFIG_MEMO_MS`, so
 * that a delivery does not ask the store each time. A push that changes the config makes the
 * process that receives it forget at once; other replicas follow within `CONFIG_MEMO_MS`.
 */
export const createSharedConfigLoads = (memoMs = CONFIG_MEMO_MS): SharedConfigLoads => {
  const inFlight = new Map<string, Promise<ParsedConfig>>();
  const memo = new Map<string, { parsed: ParsedConfig; at: number }>();
  return {
    load: (sql, context, repo, installationId) => {
      const key = `${installationId}:${repo.id}`;
      const kept = memo.get(key);
      if (kept && Date.now() - kept.at < memoMs) return Promise.resolve(kept.parsed);
      const running = inFlight.get(key);
      if (running) return running;
      const load = loadRepoConfig(sql, context, repo, installationId)
        .then((parsed) => {
          if (inFlight.get(key) === load) memo.set(key, { parsed, at: Date.now() });
          return parsed;
        })
        .finally(() => {
          if (inFlight.get(key) === load) inFlight.delete(key);
        });
      inFlight.set(key, load);
      return load;
    },
    forget: (installationId, repoId) => {
      for (const map of [memo, inFlight]) {
        for (const key of map.keys()) {
          if (repoId === null ? key.startsWith(`${installationId}:`) : key === `${installationId}:${repoId}`)
            map.delete(key);
        }
      }
    },
  };
};
