import type { Logger } from "pino";
import { loadBackfillConfig } from "../backfill/config-source.js";
import { needsPullRequestFiles } from "../classify/classify.js";
import { createPathClassifierCache } from "../classify/path-kinds.js";
import type { Activity } from "../events/activity.js";
import { pullKey, readFilesBatch } from "../github/read-files-batch.js";
import { createSharedFileReads } from "../github/read-pull-request-files.js";
import { createPollLoop } from "../poll-loop.js";
import type { Octokit } from "../publish/github-write.js";
import { backoffMs } from "../publish/outbox-worker.js";
import type { Sql } from "../store/db.js";
import { type ClaimedJob, claimJobs, completeJob, failJob } from "../store/outbox.js";
import { findPullRequestFiles, savePullRequestFiles } from "../store/pull-request-files.js";
import { type DeliveryRecord, recordDeliveries } from "../store/record-credits.js";
import { parseClassifyJob } from "./classify-later.js";
import { refreshEffects } from "./delivery-effects.js";
import { classifyWithFacts, type GitHubReads, prOf, UNKNOWN_HEAD } from "./enrich.js";

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
const refreshFor = (activity: Activity) => {
  const pr = prOf(activity);
  if (!pr) return {};
  const touched = {
    installationId: activity.installationId,
    repoId: activity.repo.id,
    repo: activity.repo.fullName,
    number: pr.number,
  };
  return refreshEffects(touched, activity.type === "pr_merged");
};

/**
 * Classifies the activities the webhook path queued because their credits depend on a GitHub
 * read (the webhook path stays short). Each claim takes the activities due, reads
 * what they need with one installation client (a PR head's files once, however many activities
 * ask), records their credits and refreshes their PRs' check runs, all installations' credits in
 * one transaction. A failed read is retried with backoff; the credits do not depend on when.
 */
export const createClassifyWorker = (options: ClassifyWorkerOptions) => {
  const { sql, auth, log, pollMs = 500, batch = 200, maxAttempts = 10 } = options;
  const classifierFor = createPathClassifierCache();
  const readFiles = createSharedFileReads();

  /** One activity's credits, and what they imply, ready to record. */
  const classifyOne = async (
    github: NonNullable<GitHubReads>,
    loadConfig: ReturnType<typeof loadBackfillConfig>,
    { job, deliveryId, activity }: { job: ClaimedJob; deliveryId: string; activity: Activity },
  ): Promise<DeliveryRecord> => {
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
      effects: refreshFor(activity),
    };
  };

  /**
   * Reads the files of every PR these activities need and the store lacks, many PRs to a GraphQL
   * query, and stores them: classifying then finds them. A PR left out (gone, more than 100 files)
   * or a failed query is read one by one while classifying.
   */
  const prefetchFiles = async (octokit: Octokit, activities: readonly Activity[]) => {
    const wanted = [];
    for (const activity of activities) {
      const pr = prOf(activity);
      if (!pr || !needsPullRequestFiles(activity)) continue;
      const key = { installationId: activity.installationId, repoId: activity.repo.id, number: pr.number };
      if (await findPullRequestFiles(sql, key, pr.headSha ?? undefined)) continue;
      wanted.push({
        key,
        headSha: pr.headSha,
        ref: { owner: activity.repo.owner, name: activity.repo.name, number: pr.number },
      });
    }
    if (wanted.length === 0) return;
    const refs = [...new Map(wanted.map((want) => [pullKey(want.ref), want.ref])).values()];
    try {
      const found = await readFilesBatch(octokit, refs);
      for (const want of wanted) {
        const files = found.get(pullKey(want.ref));
        if (files) await savePullRequestFiles(sql, want.key, want.headSha ?? UNKNOWN_HEAD, files);
      }
    } catch (error) {
      log.warn(
        { err: error instanceof Error ? error.message : String(error), pulls: refs.length },
        "batched file read failed; reading one by one",
      );
    }
  };

  /**
   * Classifies one installation's activities with one client; an activity whose read fails
   * waits for its retry without holding back the others.
   */
  const classifyAll = async (installationId: number, jobs: readonly ClaimedJob[]) => {
    const octokit = await auth(installationId);
    const github = { octokit, readFiles };
    const loadConfig = loadBackfillConfig(sql, octokit, installationId, log);
    const parsed = [];
    for (const job of jobs) {
      try {
        parsed.push({ job, ...parseClassifyJob(job.payload) });
      } catch (error) {
        log.error({ job: job.key, err: String(error) }, "queued activity unreadable; dropped");
        await failJob(sql, job, String(error), null);
      }
    }
    await prefetchFiles(
      octokit,
      parsed.map(({ activity }) => activity),
    );
    const results = await Promise.allSettled(parsed.map((entry) => classifyOne(github, loadConfig, entry)));
    const done: { job: ClaimedJob; record: DeliveryRecord }[] = [];
    for (const [index, result] of results.entries()) {
      const { job } = parsed[index] as (typeof parsed)[number];
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

  // Straight on only after a full claim: otherwise a pause, so that reads gather into batches.
  const loop = createPollLoop({
    round: async () => (await runOnce()) >= batch,
    pollMs,
    log,
    failure: "could not claim queued activities",
  });

  return {
    runOnce,
    /** Classifies every queued activity (tests, the demo); returns how many. */
    drain: async (): Promise<number> => {
      let total = 0;
      for (let ran = await runOnce(); ran > 0; ran = await runOnce()) total += ran;
      return total;
    },
    start: loop.start,
    stop: loop.stop,
  };
};

export type ClassifyWorker = ReturnType<typeof createClassifyWorker>;
