import { hostname } from "node:os";
import type { Logger } from "pino";
import { z } from "zod";
import { backfillRepositories } from "../backfill/backfill-repositories.js";
import { loadBackfillConfig } from "../backfill/config-source.js";
import { historyOctokitOf } from "../backfill/history-client.js";
import { toRepoRef } from "../backfill/repository-ref.js";
import type { Octokit } from "../github/octokit.js";
import type { Sql } from "../store/db.js";
import { countCredits } from "../store/query-credits.js";
import type { RepoRef } from "../vocabulary/activity.js";
import { createProgressView } from "./backfill-progress.js";
import { classifyNow } from "./classify-now.js";
import { DAY_MS, dateArgument } from "./dates.js";
import { UsageError } from "./errors.js";
import { installationArgument } from "./report-command.js";

export const backfillArgs = z
  .object({
    installation: installationArgument,
    repo: z
      .string()
      .regex(/^[\w.-]+\/[\w.-]+$/, "--repo must be written as OWNER/NAME")
      .optional(),
    days: z.coerce
      .number({ message: "--days must be a number of days" })
      .int("--days must be a whole number of days")
      .min(1, "--days must be at least 1")
      .max(3650, "--days can be at most 3650")
      .optional(),
    since: dateArgument("start", "--since").optional(),
  })
  .refine((args) => args.days === undefined || args.since === undefined, {
    message: "give either --days or --since, not both",
  });

export type BackfillArgs = z.output<typeof backfillArgs>;

/** The repositories to import: the one named, or every repository the installation can see. */
const repositoriesOf = async (octokit: Octokit, args: BackfillArgs): Promise<RepoRef[]> => {
  if (args.repo) {
    const [owner, repo] = args.repo.split("/") as [string, string];
    try {
      const { data } = await octokit.request("GET /repos/{owner}/{repo}", { owner, repo });
      return [toRepoRef(data)];
    } catch (error) {
      if ((error as { status?: number }).status === 404) {
        throw new UsageError(
          `${args.repo} is not visible to installation ${args.installation}: check the name, or add it to the installation`,
        );
      }
      throw error;
    }
  }
  const repositories = await octokit.paginate("GET /installation/repositories", { per_page: 100 });
  return repositories.map((repository) => toRepoRef(repository));
};

export type BackfillCommandOptions = {
  sql: Sql;
  octokit: Octokit;
  args: BackfillArgs;
  log: Logger;
  /** stdout when it is a terminal (progress bars), else null (plain lines). */
  tty: NodeJS.WriteStream | null;
  write: (text: string) => void;
  now?: Date;
};

/**
 * `gluework backfill`: imports the history of one repository or of every repository of the
 * installation (several at once), in the foreground, through the same runs and leases as the server's importer
 * (a repository the server is importing is left to it). Returns the summary to print.
 */
export const backfillCommand = async (options: BackfillCommandOptions): Promise<string> => {
  const { sql, octokit, args, log } = options;
  const now = options.now ?? new Date();
  const since = args.since ?? (args.days === undefined ? null : new Date(now.getTime() - args.days * DAY_MS));
  const repositories = await repositoriesOf(octokit, args);
  const view = createProgressView({
    repositories: repositories.length,
    tty: options.tty,
    write: options.write,
  });
  const summary: string[] = [];
  const failures: string[] = [];
  try {
    const results = await backfillRepositories(
      {
        sql,
        octokit: historyOctokitOf(octokit),
        log,
        holder: `${hostname()}:${process.pid}:cli`,
        loadConfig: loadBackfillConfig(sql, octokit, args.installation, log),
        onProgress: view.onProgress,
        onRateLimit: view.onRateLimit,
      },
      repositories.map((repo) => ({
        installationId: args.installation,
        repoId: repo.id,
        repo: repo.fullName,
        since,
      })),
    );
    for (const result of results) {
      if ("error" in result) {
        const message = result.error instanceof Error ? result.error.message : String(result.error);
        failures.push(`${result.repo}: ${message}`);
        summary.push(`${result.repo}: failed (${message}); run the command again to resume it`);
      } else if (!result.outcome) summary.push(`${result.repo}: left to the process already importing it`);
      else if (result.outcome.outcome === "opted-out")
        summary.push(`${result.repo}: opted out, nothing imported`);
      else {
        const { items, activities, requests } = result.outcome;
        summary.push(`${result.repo}: ${items} items, ${activities} activities, ${requests} requests`);
      }
    }
  } finally {
    view.stop();
  }
  // What was imported, even by a run that failed part-way, is classified here and now.
  const before = await countCredits(sql, args.installation);
  const { classified, left } = await classifyNow({
    sql,
    octokit,
    log,
    installationId: args.installation,
    tty: options.tty,
  });
  const credits = (await countCredits(sql, args.installation)) - before;
  summary.push(`${classified} activities classified: ${credits} new credits.`);
  if (left > 0) summary.push(`${left} activities wait for GitHub; run \`gluework reclassify\` later.`);
  const text = `${summary.join("\n")}\n`;
  if (failures.length > 0) throw new Error(`backfill failed for ${failures.length} repositories\n${text}`);
  return text;
};
