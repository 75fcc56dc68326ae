import { z } from "zod";
import type { OutboxJob } from "../store/outbox.js";
import type { PullRequestState } from "../store/pull-requests.js";
import type { DeliveryEffects } from "../store/record-credits.js";

/** Bursts of events on one PR within this window make one check-run write. */
export const CHECK_RUN_DELAY_MS = 2_000;
export const CREDIT_COMMENT_DELAY_MS = 5_000;

const prEvent = z.object({
  action: z.string().optional(),
  installation: z.object({ id: z.number() }),
  repository: z.object({ id: z.number(), full_name: z.string() }),
  pull_request: z.object({
    number: z.number(),
    head: z.object({ sha: z.string() }),
    user: z.object({ login: z.string() }),
    merged_at: z.string().nullish(),
    merged: z.boolean().nullish(),
    merge_commit_sha: z.string().nullish(),
    updated_at: z.string().optional(),
  }),
});

const prCommentEvent = z.object({
  installation: z.object({ id: z.number() }),
  repository: z.object({ id: z.number(), full_name: z.string() }),
  issue: z.object({ number: z.number(), pull_request: z.object({}).passthrough() }),
});

export type TouchedPullRequest = { installationId: number; repoId: number; repo: string; number: number };

export type Touched = { pr: TouchedPullRequest; state: PullRequestState | null; readyAt?: string };

/** The PR a delivery is about, with its state when the payload carries it. */
export const touchedPullRequest = (name: string, payload: unknown): Touched | null => {
  if (name === "pull_request" || name === "pull_request_review" || name === "pull_request_review_comment") {
    const event = prEvent.safeParse(payload);
    if (!event.success) return null;
    const { installation, repository, pull_request: pr } = event.data;
    const touched = {
      installationId: installation.id,
      repoId: repository.id,
      repo: repository.full_name,
      number: pr.number,
    };
    const readyAt = event.data.action === "ready_for_review" ? Date.parse(pr.updated_at ?? "") : Number.NaN;
    return {
      pr: touched,
      state: {
        ...touched,
        headSha: pr.head.sha,
        authorLogin: pr.user.login,
        merged: Boolean(pr.merged_at ?? pr.merged),
        mergeCommitSha: pr.merge_commit_sha ?? null,
        headAt: Number.isNaN(Date.parse(pr.updated_at ?? ""))
          ? null
          : new Date(pr.updated_at ?? "").toISOString(),
        ...(name === "pull_request" && event.data.action === "opened" ? { opened: true } : {}),
      },
      ...(Number.isNaN(readyAt) ? {} : { readyAt: new Date(readyAt).toISOString() }),
    };
  }
  if (name === "issue_comment") {
    const event = prCommentEvent.safeParse(payload);
    if (!event.success) return null;
    const { installation, repository, issue } = event.data;
    return {
      pr: {
        installationId: installation.id,
        repoId: repository.id,
        repo: repository.full_name,
        number: issue.number,
      },
      state: null,
    };
  }
  return null;
};

/** A job about a PR, keyed by kind and PR so that a burst of them is one job. */
const prJob =
  (kind: "check-run" | "credit-comment", delayMs: number) =>
  (touched: TouchedPullRequest): OutboxJob => ({
    installationId: touched.installationId,
    key: `${kind}:${touched.repo}#${touched.number}`,
    kind,
    payload: { repoId: touched.repoId, repo: touched.repo, number: touched.number },
    delayMs,
  });

const checkRunJob = prJob("check-run", CHECK_RUN_DELAY_MS);
const creditCommentJob = prJob("credit-comment", CREDIT_COMMENT_DELAY_MS);

/**
 * The GitHub writes a change to a PR's credits implies: refresh its check run, and once merged
 * its credit comment. Keys coalesce a burst into one job per PR.
 */
export const refreshJobs = (touched: TouchedPullRequest, merged: boolean): OutboxJob[] => [
  checkRunJob(touched),
  ...(merged ? [creditCommentJob(touched)] : []),
];

/**
 * `refreshJobs` where whether the PR is merged is known here only when true: otherwise the credit
 * comment is queued in the delivery's transaction if the store says the PR is merged.
 */
export const refreshEffects = (
  touched: TouchedPullRequest,
  merged: boolean,
): Pick<DeliveryEffects, "jobs" | "jobsOnceMerged"> =>
  merged
    ? { jobs: refreshJobs(touched, true) }
    : { jobs: [checkRunJob(touched)], jobsOnceMerged: [creditCommentJob(touched)] };

/** What a delivery on a PR implies: its refresh jobs, its state, when it was marked ready. */
export const pullRequestEffects = (
  { pr: touched, state, readyAt }: Touched,
  waitHours: number,
): DeliveryEffects => ({
  ...refreshEffects(touched, state?.merged ?? false),
  pullRequests: state ? [state] : [],
  ...(readyAt
    ? { ready: { ...touched, subjectKey: `${touched.repo}#${touched.number}`, readyAt, waitHours } }
    : {}),
});
