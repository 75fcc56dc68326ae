import type { Logger } from "pino";
import type { ProbotOctokit } from "probot";
import { createPollLoop } from "../poll-loop.js";
import type { Sql } from "../store/db.js";
import { RETENTION_MS } from "./delivery-log.js";
import { recoverDeliveries } from "./recover-deliveries.js";

type Octokit = InstanceType<typeof ProbotOctokit>;

/** How often the delivery log is checked after the check on start. */
export const RECOVERY_INTERVAL_MS = 5 * 60_000;
/** Each check reaches this far behind the previous one: an outcome is logged after the attempt. */
const OVERLAP_MS = 2 * 60_000;
/** After a delivery failed here, or a check failed, the log is checked again this soon. */
export const RECHECK_MS = 15_000;

export type RecoveryWorkerOptions = {
  sql: Sql;
  /** A client authenticated as the app. */
  appClient: () => Promise<Octokit>;
  log: Logger;
  claimant: string;
  intervalMs?: number;
  recheckMs?: number;
};

/**
 * Heals the inbox from GitHub's delivery log: on start back to GitHub's three-day retention,
 * then every few minutes back to the previous check, and soon after a delivery failed here (its
 * store was down, say) or a check failed, until a check gets through.
 */
export const createRecoveryWorker = (options: RecoveryWorkerOptions) => {
  const {
    sql,
    appClient,
    log,
    claimant,
    intervalMs = RECOVERY_INTERVAL_MS,
    recheckMs = RECHECK_MS,
  } = options;
  let lastCheck: number | null = null;
  let soon: NodeJS.Timeout | null = null;
  let stopped = false;
  const checkSoon = () => {
    if (soon !== null || stopped) return;
    soon = setTimeout(() => {
      soon = null;
      loop.wake();
    }, recheckMs);
  };
  const loop = createPollLoop({
    round: async () => {
      const startedAt = Date.now();
      const since = lastCheck === null ? startedAt - RETENTION_MS : lastCheck - OVERLAP_MS;
      try {
        await recoverDeliveries({ sql, octokit: await appClient(), log, claimant }, since);
      } catch (error) {
        checkSoon();
        throw error;
      }
      lastCheck = startedAt;
      return false;
    },
    pollMs: intervalMs,
    log,
    failure: "could not check GitHub's delivery log",
  });
  return {
    start: loop.start,
    /** A delivery failed here: GitHub's log will say so, and it is read again soon. */
    checkSoon,
    stop: async () => {
      stopped = true;
      if (soon !== null) clearTimeout(soon);
      await loop.stop();
    },
  };
};
