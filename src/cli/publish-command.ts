import type { Logger } from "pino";
import { z } from "zod";
import type { AppIdentitySource } from "../github/app-identity.js";
import type { Octokit } from "../github/octokit.js";
import { publishMonthlyReport } from "../publish/publish-monthly-report.js";
import { PERIOD } from "../report/periods.js";
import type { Sql } from "../store/db.js";
import { completeReport } from "../store/report-claims.js";
import { installationArgument } from "./report-command.js";

export const publishArgs = z.object({
  installation: installationArgument,
  month: z.string().regex(PERIOD, "--month must be written as YYYY-MM, e.g. 2026-10"),
  dryRun: z.boolean().default(false),
});

export type PublishArgs = z.output<typeof publishArgs>;

/**
 * `gluework publish`: the monthly report of one installation, by hand. Edits the month's issue
 * when it exists; with --dry-run prints what it would write and writes nothing.
 */
export const publishCommand = async (
  sql: Sql,
  github: { octokit: Octokit; app: AppIdentitySource },
  args: PublishArgs,
  log: Logger,
): Promise<string> => {
  const results = await publishMonthlyReport({
    sql,
    ...github,
    installationId: args.installation,
    period: args.month,
    dryRun: args.dryRun,
    log,
  });
  if (!args.dryRun) await completeReport(sql, args.installation, args.month);
  if (results.length === 0)
    return `No report for ${args.month}: no repository had activity and no destination is configured.\n`;
  return results
    .map(({ destination, outcome, write }) => {
      if (!args.dryRun) return `${destination}: report issue ${outcome}\n`;
      if (!write) return `${destination}: report issue is up to date; nothing to write\n`;
      const { title, body } = write.params as { title: string; body: string };
      return `${destination}: would ${write.purpose}\n\n# ${title}\n\n${body}\n`;
    })
    .join("\n");
};
