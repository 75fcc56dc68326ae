import type { Logger } from "pino";
import { backoffMs } from "../backoff.js";
import type { Octokit } from "../github/octokit.js";
import { createPollLoop } from "../poll-loop.js";
import { abandonBackfill, claimNextBackfill, releaseBackfill } from "../store/backfill-runs.js";
import type { Sql } from "../store/db.js";
import { isInstallationRemoved } from "../store/delete-installation.js";
import { abortableClock, type Clock } from "./clock.js";
import { loadBackfillConfig } from "./config-source.js";
import { BackfillStoppedError, LeaseLostError } from "./import-repository.js";
import { createPageSizer } from "./page-sizer.js";
import type { BackfillProgress } from "./progress.js";
import { createRequestGate } from "./request-gate.js";
import { DEFAULT_LEASE_SECONDS, runClaimedBackfill } from "./run-backfill.js";

export type BackfillWorkerOptions = {
  sql: Sql;
  auth: (installationId: number) => Promise<Octokit>;
  log: Logger;
  /** `host:pid`: whose lease a run is under. */
  holder: string;
  pollMs?: number;
  maxAttempts?: number;
  leaseSeconds?: number;
  clock?: Clock;
  /** Runs (repositories) imported at once by this process, all through one request gate. */
  concurrency?: number;
};

/** A failed run is due again after 1, 2, 4 … minutes, at most an hour. */
const retryInMs = (attempts: number) => backoffMs(attempts, { baseMs: 60_000, capMs: 3_600_000 });

const logProgress = (log: Logger) => (event: BackfillProgress) => {
  if (event.type === "page") {
    const { type: _type, rateLimit, ...fields } = event;
    log.info(
      { ...fields, remaining: rateLimit?.remaining, resetAt: rateLimit?.resetAt },
      "history page imported",
    );
  } else {
    const { type, ...fields } = event;
    log.info(fields, `history import: ${type.replace("repository-", "")}`);
  }
};

/**
 * The background side of backfill: takes the oldest due runs of any repositories (`concurrency`
 * at a time per process, sharing one bound on requests under way; replicas take different
 * repositories), runs each to the end, and on failure
 * releases it to be retried with backoff, resuming from its cursors. A run whose holder died is
 * taken over once its lease runs out.
 */
export const createBackfillWorker = (options: BackfillWorkerOptions) => {
  const { sql, auth, log, holder, pollMs = 5000, maxAttempts = 8 } = options;
  const leaseSeconds = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const stopping = new AbortController();
  const clock = options.clock ?? abortableClock(stopping.signal);
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const gate = createRequestGate({ clock });
  const sizer = createPageSizer();

  /** Runs one due run, if there is one; true when it found one. */
  const runOnce = async (): Promise<boolean> => {
    const run = await claimNextBackfill(sql, holder, leaseSeconds);
    if (!run) return false;
    const key = { installationId: run.installationId, repoId: run.repoId };
    const runLog = log.child({ installation: run.installationId, repo: run.repo });
    try {
      const octokit = await auth(run.installationId);
      await runClaimedBackfill(
        {
          sql,
          octokit,
          log: runLog,
          holder,
          leaseSeconds,
          loadConfig: loadBackfillConfig(sql, octokit, run.installationId, runLog),
          onProgress: logProgress(runLog),
          clock,
          signal: stopping.signal,
          gate,
          sizer,
        },
        run,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof BackfillStoppedError || stopping.signal.aborted) {
        runLog.info("history import paused for shutdown; it resumes from its cursors");
        await releaseBackfill(sql, key, holder, 0, null);
      } else if (error instanceof LeaseLostError) {
        if (await isInstallationRemoved(sql, run.installationId))
          runLog.info("history import stopped: the app was uninstalled, and nothing of it is kept");
        else runLog.warn({ err: message }, "history import lease lost; another process continues it");
      } else if (run.attempts >= maxAttempts) {
        runLog.error({ err: message, attempts: run.attempts }, "history import failed too often; given up");
        await abandonBackfill(sql, key, holder, message);
      } else {
        const wait = retryInMs(run.attempts);
        runLog.warn({ err: message, retryInMs: wait }, "history import failed; will resume");
        await releaseBackfill(sql, key, holder, wait, message);
      }
    }
    return true;
  };

  /** Takes due runs one after another until none is due. */
  const lane = async (): Promise<boolean> => {
    while (!stopping.signal.aborted && (await runOnce())) {}
    return false;
  };

  const loop = createPollLoop({
    round: () => Promise.all(Array.from({ length: concurrency }, lane)).then(() => false),
    pollMs,
    log,
    failure: "backfill worker could not claim runs",
  });

  return {
    runOnce,
    /** Runs every due run (tests); returns how many it ran. */
    drain: async (): Promise<number> => {
      let ran = 0;
      while (await runOnce()) ran += 1;
      return ran;
    },
    start: loop.start,
    /** Stops polling and ends the run in progress after its current page (it resumes later). */
    stop: async () => {
      stopping.abort();
      await loop.stop();
    },
  };
};

export type BackfillWorker = ReturnType<typeof createBackfillWorker>;
