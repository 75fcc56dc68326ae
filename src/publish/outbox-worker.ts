import type { Logger } from "pino";
import type { AppIdentitySource } from "../github/app-identity.js";
import type { Octokit } from "../github/octokit.js";
import { createPollLoop } from "../poll-loop.js";
import type { Sql } from "../store/db.js";
import { type ClaimedJob, claimJobs, completeJob, failJob, type JobKind } from "../store/outbox.js";
import type { JobContext } from "./jobs/job-context.js";

export type JobHandler = (context: JobContext, payload: unknown) => Promise<void>;

export type OutboxWorkerOptions = {
  sql: Sql;
  auth: (installationId: number) => Promise<Octokit>;
  /** Who the app is: only items it made are adopted as its own. */
  app: AppIdentitySource;
  log: Logger;
  /** What runs each kind of job; the worker claims only these kinds. */
  handlers: Partial<Record<JobKind, JobHandler>>;
  dryRun?: boolean;
  pollMs?: number;
  batch?: number;
  maxAttempts?: number;
};

const statusOf = (error: unknown): number | undefined => (error as { status?: number }).status;

/** GitHub's `retry-after` (seconds), when it asked us to wait. */
const retryAfterMs = (error: unknown): number | null => {
  const headers = (error as { response?: { headers?: Record<string, string | undefined> } }).response
    ?.headers;
  const seconds = Number(headers?.["retry-after"]);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : null;
};

/** 1 s, 2 s, 4 s … capped at 10 minutes. */
export const backoffMs = (attempts: number): number =>
  Math.min(600_000, 1000 * 2 ** Math.max(0, attempts - 1));

/**
 * Drains the outbox: each due job is claimed by one worker (across replicas), run with an
 * installation client, and deleted when done. Failures are retried with backoff (or after
 * GitHub's retry-after); a job GitHub cannot ever accept (404, 410, 422) is dropped with a warning.
 */
export const createOutboxWorker = (options: OutboxWorkerOptions) => {
  const {
    sql,
    auth,
    app,
    log,
    handlers,
    dryRun = false,
    pollMs = 1000,
    batch = 10,
    maxAttempts = 10,
  } = options;
  const kinds = Object.keys(handlers) as JobKind[];

  const runJob = async (job: ClaimedJob): Promise<void> => {
    const jobLog = log.child({ installation: job.installationId, job: job.key });
    try {
      const octokit = await auth(job.installationId);
      const context = {
        sql,
        octokit,
        app,
        log: jobLog,
        installationId: job.installationId,
        dryRunEverywhere: dryRun,
      };
      const handler = handlers[job.kind];
      if (!handler) throw new Error(`no handler for ${job.kind} jobs`);
      await handler(context, job.payload);
      await completeJob(sql, job);
    } catch (error) {
      const status = statusOf(error);
      const message = error instanceof Error ? error.message : String(error);
      if (status === 404 || status === 410 || status === 422) {
        jobLog.warn({ status, err: message }, "GitHub cannot accept this write; job dropped");
        await failJob(sql, job, message, null);
      } else if (job.attempts >= maxAttempts) {
        jobLog.error({ status, err: message, attempts: job.attempts }, "job failed too often; dropped");
        await failJob(sql, job, message, null);
      } else {
        const wait = retryAfterMs(error) ?? backoffMs(job.attempts);
        jobLog.warn({ status, err: message, retryInMs: wait }, "job failed; will retry");
        await failJob(sql, job, message, wait);
      }
    }
  };

  /** Claims and runs one batch; returns how many jobs it ran. */
  const runOnce = async (aheadMs = 0): Promise<number> => {
    const jobs = await claimJobs(sql, batch, { aheadMs, kinds });
    for (const job of jobs) await runJob(job);
    return jobs.length;
  };

  const loop = createPollLoop({
    round: async () => (await runOnce()) > 0,
    pollMs,
    log,
    failure: "outbox worker could not claim jobs",
  });

  return {
    runOnce,
    /** Runs every job due now, or within `aheadMs` (tests, the CLI); returns how many ran. */
    drain: async (aheadMs = 0): Promise<number> => {
      let total = 0;
      for (let ran = await runOnce(aheadMs); ran > 0; ran = await runOnce(aheadMs)) total += ran;
      return total;
    },
    start: loop.start,
    stop: loop.stop,
  };
};

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
