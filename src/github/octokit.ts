import { ProbotOctokit } from "probot";

/** Octokit's own list, plus 429: GitHub's `retry-after` decides when, not a fixed schedule. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

/**
 * Probot's Octokit with its in-process retries kept short. A delivery must fail (5xx, so GitHub
 * redelivers) well inside GitHub's 10 seconds: Octokit's default three retries wait 1 + 4 + 9
 * seconds, after which Probot has already answered 202 and the failure loses the delivery. The
 * outbox worker retries writes with its own backoff and honours `retry-after`, so a rate-limited
 * request is never retried sooner than GitHub asked.
 */
export const GlueworkOctokit = ProbotOctokit.defaults({
  retry: { retries: 1, doNotRetry: DO_NOT_RETRY },
});

/** An installation (or app) client as Probot hands it out. */
export type Octokit = InstanceType<typeof ProbotOctokit>;
