import type { Logger } from "pino";
import type { AppIdentitySource } from "../../github/app-identity.js";
import { repoConfigLoader } from "../../github/load-repo-config.js";
import type { Octokit } from "../../github/octokit.js";
import type { Sql } from "../../store/db.js";

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

/**
 * A repository's settings for its writes, from its config (loaded the one way config is loaded):
 * writes are dry when GLUEWORK_DRY_RUN is on or its config says `dry_run: true`, and a repository
 * that opted out gets none.
 */
export const repoSettings = async (context: JobContext, repo: { id: number; fullName: string }) => {
  const [owner = "", name = ""] = repo.fullName.split("/");
  const parsed = await repoConfigLoader(
    context.sql,
    context.octokit,
    context.installationId,
    context.log,
  )({ id: repo.id, owner, name, fullName: repo.fullName });
  return {
    dryRun: context.dryRunEverywhere || parsed.config.dry_run,
    optOut: parsed.config.opt_out,
    problems: parsed.problems,
    config: parsed.config,
  };
};
