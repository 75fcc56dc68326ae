import type { Logger } from "pino";
import type { AppIdentitySource } from "../../github/app-identity.js";
import type { Sql } from "../../store/db.js";
import { findCachedConfig } from "../../store/repo-config-cache.js";
import type { Octokit } from "../github-write.js";

/**
 * What every outbox job gets: the store, an installation client, who the app is (to recognise its
 * own items), a logger, the dry-run switch.
 */
export type JobContext = {
  sql: Sql;
  octokit: Octokit;
  app: AppIdentitySource;
  log: Logger;
  installationId: number;
  dryRunEverywhere: boolean;
};

/** A repository's writes are dry when GLUEWORK_DRY_RUN is on or its config says `dry_run: true`. */
export const repoSettings = async (context: JobContext, repoId: number) => {
  const parsed = await findCachedConfig(context.sql, context.installationId, repoId, { anyAge: true });
  return {
    dryRun: context.dryRunEverywhere || (parsed?.config.dry_run ?? false),
    problems: parsed?.problems ?? [],
    config: parsed?.config ?? null,
  };
};
