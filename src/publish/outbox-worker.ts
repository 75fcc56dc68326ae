import type { Logger } from "pino";
import { backoffMs } from "../backoff.js";
import type { AppIdentitySource } from "../github/app-identity.js";
import type { Octokit } from "../github/octokit.js";
import { createPollLoop } from "../poll-loop.js";
import type { Sql } from "../store/db.js";
import {
  type ClaimedJob,
  claimJobs,
  completeJob,
  deferInstallation,
  failJob,
  type JobKind,
} from "../store/outbox.js";
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
  /** Installations served at once, each in a turn of its own. */
  lanes?: number;
  /** Jobs of one installation in one turn. */
  perTurn?: number;
  maxAttempts?: number;
};

const statusOf = (error: unknown): number | undefined => (error as { status?: number }).status;

const headersOf = (error: unknown): Record<string, string | undefined> =>
  (error as { response?: { headers?: Record<string, string | undefined> } }).response?.headers ?? {};

/** GitHub's `retry-after` (seconds), when it asked us to wait. */
const retryAfterMs = (error: unknown): number | null => {
  const seconds = Number(headersOf(error)["retry-after"]);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : null;
};

/**
 * When GitHub lets the installation write again, if this error is a rate limit: the secondary
 * limit's `retry-after`, or the primary limit's reset.
 */
export const rateLimitedUntil = (error: unknown, now = Date.now()): number | null => {
  const status = statusOf(error);
  if (status !== 403 && status !== 429) return null;
  const retryAfter = retryAfterMs(error);
  if (retryAfter !== null) return now + retryAfter;
  const headers = headersOf(error);
  const reset = Number(headers["x-ratelimit-reset"]);
  if (headers["x-ratelimit-remaining"] === "0" && Number.isFinite(reset)) {
    return Math.max(now + 1000, reset * 1000);
  }
  return null;
};

/** A failed job is due again after 1 s, 2 s, 4 s … at most 10 minutes. */
export const retryJobInMs = (attempts: number): number => backoffMs(attempts, { capMs: 600_000 });

const byInstallation = (jobs: readonly ClaimedJob[]): ClaimedJob[][] => {
  const turns = new Map<number, ClaimedJob[]>();
  for (const job of jobs) turns.set(job.installationId, [...(turns.get(job.installationId) ?? []), job]);
  return [...turns.values()];
};

/**
 * Drains the outbox: each due job is claimed by one worker (across replicas), run with an
 * installation client, and deleted when done. Installations take turns: a claim takes a few
 * jobs of each installation with work, each installation's turn runs on its own, and an
 * installation whose turn is under way is not claimed for again, so one installation's backlog,
 * slow answers or rate limit never hold up another's writes. A rate-limited installation's writes
 * are rescheduled to GitHub's reset; other failures are retried with backoff; a job GitHub cannot
 * ever accept (404, 410, 422) is dropped with a warning.
 */
export const createOutboxWorker = (options: OutboxWorkerOptions) => {
  const { sql, auth, app, log, handlers, dryRun = false, pollMs = 1000, maxAttempts = 10 } = options;
  const { lanes = 8, perTurn = 5 } = options;
  const kinds = Object.keys(handlers) as JobKind[];
  const busy = new Map<number, Promise<void>>();

  /** Runs one job; returns when the installation may write again if GitHub rate-limited it. */
  const runJob = async (job: ClaimedJob): Promise<number | null> => {
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
      return null;
    } catch (error) {
      const status = statusOf(error);
      const message = error instanceof Error ? error.message : String(error);
      const limitedUntil = rateLimitedUntil(error);
      if (limitedUntil !== null) {
        const retryInMs = limitedUntil - Date.now();
        jobLog.warn({ status, retryInMs }, "installation rate-limited; its writes wait for GitHub's reset");
        await failJob(sql, job, message, retryInMs);
      } else if (status === 404 || status === 410 || status === 422) {
        jobLog.warn({ status, err: message }, "GitHub cannot accept this write; job dropped");
        await failJob(sql, job, message, null);
      } else if (job.attempts >= maxAttempts) {
        jobLog.error({ status, err: message, attempts: job.attempts }, "job failed too often; dropped");
        await failJob(sql, job, message, null);
      } else {
        const wait = retryJobInMs(job.attempts);
        jobLog.warn({ status, err: message, retryInMs: wait }, "job failed; will retry");
        await failJob(sql, job, message, wait);
      }
      return limitedUntil;
    }
  };

  /** One installation's turn: its jobs one after another, cut short by a rate limit. */
  const runTurn = async (turn: readonly ClaimedJob[]): Promise<void> => {
    for (const [index, job] of turn.entries()) {
      const limitedUntil = await runJob(job);
      if (limitedUntil !== null) {
        await deferInstallation(sql, job.installationId, limitedUntil, turn.slice(index + 1));
        return;
      }
    }
  };

  const claim = (aheadMs: number, free: number) =>
    claimJobs(sql, free * perTurn, {
      aheadMs,
      kinds,
      perInstallation: perTurn,
      skipInstallations: [...busy.keys()],
    });

  /** Starts a turn for each installation with due work and no turn under way; false when none. */
  const startTurns = async (): Promise<boolean> => {
    const free = lanes - busy.size;
    if (free <= 0) return false;
    const turns = byInstallation(await claim(0, free));
    for (const turn of turns) {
      const installationId = turn[0]?.installationId as number;
      const running = runTurn(turn)
        .catch((error: unknown) => {
          log.error({ err: error, installation: installationId }, "outbox turn failed");
        })
        .finally(() => {
          busy.delete(installationId);
          loop.wake();
        });
      busy.set(installationId, running);
    }
    return turns.length > 0;
  };

  /** Claims one round of turns and waits for them; returns how many jobs ran. */
  const runOnce = async (aheadMs = 0): Promise<number> => {
    const jobs = await claim(aheadMs, lanes);
    await Promise.all(byInstallation(jobs).map(runTurn));
    return jobs.length;
  };

  const loop = createPollLoop({
    round: startTurns,
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
    stop: async () => {
      await loop.stop();
      await Promise.all(busy.values());
    },
  };
};

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
