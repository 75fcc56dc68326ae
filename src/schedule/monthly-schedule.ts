import type { Logger } from "pino";
import type { AppIdentitySource } from "../github/app-identity.js";
import type { Octokit } from "../github/octokit.js";
import { createPollLoop } from "../poll-loop.js";
import { publishMonthlyReport, readReportSetting } from "../publish/publish-monthly-report.js";
import { periodToReport } from "../report/periods.js";
import type { Sql } from "../store/db.js";
import { claimReport, completeReport, isReportComplete, listInstallations } from "../store/report-claims.js";

const HOUR_MS = 3_600_000;

export type MonthlySchedule = {
  tick: (now?: Date) => Promise<number>;
  start: () => void;
  stop: () => Promise<void>;
};

/**
 * Hourly: on or after the configured day of the month (UTC), publish the previous month's
 * report of each installation. The day is the `report.day` of the organisation's `.github`
 * config (see `reportSettingsRepo`), read from GitHub while the month's report is still due. A claim row per (installation, month) makes exactly one replica
 * do it; a run that crashed is claimed again after 30 minutes.
 */
export const createMonthlySchedule = (options: {
  sql: Sql;
  auth: (installationId: number) => Promise<Octokit>;
  app: AppIdentitySource;
  log: Logger;
  claimant: string;
  dryRun?: boolean;
  intervalMs?: number;
}): MonthlySchedule => {
  const { sql, auth, app, log, claimant, dryRun = false, intervalMs = HOUR_MS } = options;

  /** Publishes what is due at `now`; returns how many installations it published. */
  const tick = async (now = new Date()): Promise<number> => {
    const period = periodToReport(now);
    let published = 0;
    for (const installationId of await listInstallations(sql)) {
      if (await isReportComplete(sql, installationId, period)) continue;
      try {
        const octokit = await auth(installationId);
        const setting = await readReportSetting(octokit, log);
        if (now.getUTCDate() < setting.config.report.day) continue;
        if (!(await claimReport(sql, { installationId, period, claimant }))) continue;
        await publishMonthlyReport({ sql, octokit, app, installationId, period, dryRun, log, setting });
        await completeReport(sql, installationId, period);
        published += 1;
      } catch (error) {
        log.error(
          {
            installation: installationId,
            period,
            err: error instanceof Error ? error.message : String(error),
          },
          "monthly report failed; it will be tried again (after a claim times out)",
        );
      }
    }
    return published;
  };

  // The first round waits a little: a server just started has deliveries to take first.
  const loop = createPollLoop({
    round: () => tick().then(() => false),
    pollMs: intervalMs,
    firstDelayMs: 10_000,
    log,
    failure: "monthly schedule tick failed",
  });

  return { tick, start: loop.start, stop: loop.stop };
};
