import type { Logger } from "pino";
import { loadBackfillConfig } from "../backfill/config-source.js";
import { createPathClassifierCache } from "../classify/path-kinds.js";
import type { Activity } from "../events/activity.js";
import { createSharedFileReads } from "../github/read-pull-request-files.js";
import type { Octokit } from "../publish/github-write.js";
import { backoffMs } from "../publish/outbox-worker.js";
import type { Sql } from "../store/db.js";
import { type ClaimedJob, claimJobs, completeJob, failJob } from "../store/outbox.js";
import { findPullRequest } from "../store/pull-requests.js";
import { type DeliveryRecord, recordDeliveries } from "../store/record-credits.js";
import { parseClassifyJob } from "./classify-later.js";
import { refreshJobs } from "./delivery-effects.js";
import { classifyWithFacts, type GitHubReads, prOf } from "./enrich.js";

export type ClassifyWorkerOptions = {
  sql: Sql;
  auth: (installationId: number) => Promise<Octokit>;
  log: Logger;
  /** Pause between claims when the last one was not full: reads of one pause share a batch. */
  pollMs?: number;
  batch?: number;
  maxAttempts?: number;
};

/** The check run (and, once merged, the credit comment) of the PR an activity is about. */
const refreshFor = async (sql: Sql, activity: Activity) => {
  const pr = prOf(activity);
  if (!pr) return [];
  const touched = {
    installationId: activity.installationId,
    repoId: activity.repo.id,
    repo: activity.repo.fullName,
    number: pr.number,
  };
  const merged = activity.type === "pr_merged" || ((await findPullRequest(sql, touched))?.merged ?? false);
  return refreshJobs(touched, merged);
};

/**
 * Classifies the activities the webhook path queued because their credits depend on a GitHub
 * read (DESIGN.md: the webhook path stays short). Each claim takes the activities due, reads
 * what they need with one installation client (a PR head's files once, however many activities
 * ask), records their credits and refreshes their PRs' check runs, all installations' credits in
 * one transaction. A failed read is retried with backoff; the credits do not depend on when.
 */
export const createClassifyWorker = (options: ClassifyWorkerOptions) => {
  const { sql, auth, log, pollMs = 500, batch = 200, maxAttempts = 10 } = options;
  const classifierFor = createPathClassifierCache();
  const readFiles = createSharedFileReads();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  /** One activity's credits, and what they imply, ready to record. */
  const classifyOne = async (
    github: NonNullable<GitHubReads>,
    loadConfig: ReturnType<typeof loadBackfillConfig>,
    job: ClaimedJob,
  ): Promise<DeliveryRecord> => {
    const { deliveryId, activity } = parseClassifyJob(job.payload);
    const { config } = await loadConfig(activity.repo);
    const credits = config.opt_out
      ? []
      : ((await classifyWithFacts(sql, github, activity, config, classifierFor(config.paths))) ?? []);
    return {
      delivery: { installationId: job.installationId, deliveryId, event: "classify" },
      credits,
      support: {
        answer: config.weights["support.answer"],
        firstResponse: config.weights["support.first-response"],
      },
      effects: { jobs: await refreshFor(sql, activity) },
    };
  };

  /**
   * Classifies one installation's activities with one client; an activity whose read fails
   * waits for its retry without holding back the others.
   */
  const classifyAll = async (installationId: number, jobs: readonly ClaimedJob[]) => {
    const octokit = await auth(installationId);
    const github = { octokit, readFiles };
    const loadConfig = loadBackfillConfig(sql, octokit, installationId, log);
    const results = await Promise.allSettled(jobs.map((job) => classifyOne(github, loadConfig, job)));
    const done: { job: ClaimedJob; record: DeliveryRecord }[] = [];
    for (const [index, result] of results.entries()) {
      const job = jobs[index] as ClaimedJob;
      if (result.status === "fulfilled") done.push({ job, record: result.value });
      else await fail([job], result.reason);
    }
    return done;
  };

  const fail = async (jobs: readonly ClaimedJob[], error: unknown) => {
    const status = (error as { status?: number }).status;
    const message = error instanceof Error ? error.message : String(error);
    for (const job of jobs) {
      const jobLog = log.child({ installation: job.installationId, job: job.key });
      if (job.attempts >= maxAttempts) {
        jobLog.error(
          { status, err: message, attempts: job.attempts },
          "activity could not be classified; dropped",
        );
        await failJob(sql, job, message, null);
      } else {
        jobLog.warn({ status, err: message }, "activity not classified yet; will retry");
        await failJob(sql, job, message, backoffMs(job.attempts));
      }
    }
  };

  /** Claims and classifies one batch; returns how many activities it took. */
  const runOnce = async (): Promise<number> => {
    const jobs = await claimJobs(sql, batch, { kinds: ["classify"] });
    const byInstallation = new Map<number, ClaimedJob[]>();
    for (const job of jobs)
      byInstallation.set(job.installationId, [...(byInstallation.get(job.installationId) ?? []), job]);
    const done: { job: ClaimedJob; record: DeliveryRecord }[] = [];
    for (const [installationId, ofInstallation] of byInstallation) {
      try {
        done.push(...(await classifyAll(installationId, ofInstallation)));
      } catch (error) {
        await fail(ofInstallation, error);
      }
    }
    if (done.length === 0) return jobs.length;
    try {
      await recordDeliveries(
        sql,
        done.map(({ record }) => record),
      );
    } catch (error) {
      await fail(
        done.map(({ job }) => job),
        error,
      );
      return jobs.length;
    }
    for (const { job } of done) await completeJob(sql, job);
    log.info({ activities: done.length }, "queued activities classified");
    return jobs.length;
  };

  const tick = async () => {
    let ran = 0;
    running = runOnce();
    try {
      ran = await running;
    } catch (error) {
      log.error(
        { err: error instanceof Error ? error.message : String(error) },
        "could not claim queued activities",
      );
    } finally {
      running = null;
      if (timer !== null) timer = setTimeout(tick, ran >= batch ? 0 : pollMs);
    }
  };

  return {
    runOnce,
    /** Classifies every queued activity (tests, the demo); returns how many. */
    drain: async (): Promise<number> => {
      let total = 0;
      for (let ran = await runOnce(); ran > 0; ran = await runOnce()) total += ran;
      return total;
    },
    start: () => {
      if (timer === null) timer = setTimeout(tick, 0);
    },
    stop: async () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await running?.catch(() => 0);
    },
  };
};

export type ClassifyWorker = ReturnType<typeof createClassifyWorker>;
