import type { Logger } from "pino";
import type { Octokit } from "../github/octokit.js";
import { publishMonthlyReport } from "../publish/publish-monthly-report.js";
import { periodToReport } from "../report/periods.js";
import type { Sql } from "../store/db.js";
import { claimReport, completeReport, isReportComplete, listInstallations } from "../store/report-claims.js";

const HOUR_MS = 3_600_000;

/** The configured report day of an installation, from its cached repository configs (default the 1st). */
const reportDay = async (sql: Sql, installationId: number): Promise<number> => {
  const [row]: [{ day: number | null }?] = await sql`
    select (config->'report'->>'day')::int as day from repo_configs
    where installation_id = ${installationId}
    order by fetched_at desc
    limit 1
  `;
  return row?.day ?? 1;
};

export type MonthlySchedule = {
  tick: (now?: Date) => Promise<number>;
  start: () => void;
  stop: () => Promise<void>;
};

/**
 * Hourly: on or after the configured day of the month (UTC), publish the previous month's
 * report of each installation. A claim row per (installation, month) makes exactly one replica
 * do it; a run that crashed is claimed again after 30 minutes.
 */
export const createMonthlySchedule = (options: {
  sql: Sql;
  auth: (installationId: number) => Promise<Octokit>;
  log: Logger;
  claimant: string;
  dryRun?: boolean;
  intervalMs?: number;
}): MonthlySchedule => {
  const { sql, auth, log, claimant, dryRun = false, intervalMs = HOUR_MS } = options;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  /** Publishes what is due at `now`; returns how many installations it published. */
  const tick = async (now = new Date()): Promise<number> => {
    const period = periodToReport(now);
    let published = 0;
    for (const installationId of await listInstallations(sql)) {
      if (await isReportComplete(sql, installationId, period)) continue;
      if (now.getUTCDate() < (await reportDay(sql, installationId))) continue;
      if (!(await claimReport(sql, { installationId, period, claimant }))) continue;
      try {
        const octokit = await auth(installationId);
        await publishMonthlyReport({ sql, octokit, installationId, period, dryRun, log });
        await completeReport(sql, installationId, period);
        published += 1;
      } catch (error) {
        log.error(
          {
            installation: installationId,
            period,
            err: error instanceof Error ? error.message : String(error),
          },
          "monthly report failed; it will be claimed again after the claim times out",
        );
      }
    }
    return published;
  };

  const loop = async () => {
    running = tick().catch((error: unknown) => {
      log.error(
        { err: error instanceof Error ? error.message : String(error) },
        "monthly schedule tick failed",
      );
      return 0;
    });
    await running;
    running = null;
    if (timer !== null) timer = setTimeout(loop, intervalMs);
  };

  return {
    tick,
    start: () => {
      if (timer === null) timer = setTimeout(loop, 10_000);
    },
    stop: async () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
};
