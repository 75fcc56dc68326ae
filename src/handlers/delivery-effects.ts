import type { PullRequestTouch } from "../events/pull-request-facts.js";
import type { OutboxJob } from "../store/outbox.js";
import type { DeliveryEffects } from "../store/record-credits.js";
import type { Activity } from "../vocabulary/activity.js";

/** Bursts of events on one PR within this window make one check-run write. */
export const CHECK_RUN_DELAY_MS = 2_000;
export const CREDIT_COMMENT_DELAY_MS = 5_000;

/** A job about a PR, keyed by kind and PR so that a burst of them is one job. */
const prJob =
  (kind: "check-run" | "credit-comment", delayMs: number) =>
  (touched: PullRequestTouch): OutboxJob => ({
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
export const refreshJobs = (touched: PullRequestTouch, merged: boolean): OutboxJob[] => [
  checkRunJob(touched),
  ...(merged ? [creditCommentJob(touched)] : []),
];

/**
 * `refreshJobs` where whether the PR is merged is known here only when true: otherwise the credit
 * comment is queued in the same transaction if the store says the PR is merged.
 */
export const refreshEffects = (
  touched: PullRequestTouch,
  merged: boolean,
): Pick<DeliveryEffects, "jobs" | "jobsOnceMerged"> =>
  merged
    ? { jobs: refreshJobs(touched, true) }
    : { jobs: [checkRunJob(touched)], jobsOnceMerged: [creditCommentJob(touched)] };

/** The pull request an activity happened on, if any. */
export const pullRequestOf = (activity: Activity): PullRequestTouch | null => {
  const number = (() => {
    switch (activity.type) {
      case "review":
      case "review_comment":
      case "pr_merged":
      case "pr_pushed":
      case "pr_ready":
        return activity.pr.number;
      case "comment":
      case "triage":
      case "tracking_issue":
      case "milestoned":
      case "answer_accepted":
        return activity.item.kind === "pull_request" ? activity.item.number : null;
      default:
        return null;
    }
  })();
  return number === null
    ? null
    : {
        installationId: activity.installationId,
        repoId: activity.repo.id,
        repo: activity.repo.fullName,
        number,
      };
};
