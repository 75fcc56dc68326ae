import { z } from "zod";
import { PERIOD } from "../../report/periods.js";
import { publishMonthlyReport } from "../publish-monthly-report.js";
import type { JobContext } from "./job-context.js";

const reportIssueJobSchema = z.object({
  /** The destination repository of the published issue, `owner/name`. */
  repo: z.string(),
  period: z.string().regex(PERIOD),
});

/**
 * Outbox job `report-issue`: render a month's report issue that is already published again from
 * the store as it is now, and edit it in place (after an opt-out, so it no longer names the person).
 * An issue whose repository is no longer a report destination is left as it is.
 */
export const refreshReportIssue = async (context: JobContext, payload: unknown): Promise<void> => {
  const job = reportIssueJobSchema.parse(payload);
  const results = await publishMonthlyReport({
    sql: context.sql,
    octokit: context.octokit,
    app: context.app,
    installationId: context.installationId,
    period: job.period,
    dryRun: context.dryRunEverywhere,
    log: context.log,
    republish: job.repo,
  });
  if (results.length === 0) {
    context.log.warn(
      { repo: job.repo, period: job.period },
      "report issue left as published: its repository is no longer a report destination",
    );
  }
};
