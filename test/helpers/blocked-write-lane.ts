import { GlueworkOctokit } from "../../src/github/octokit.js";

/** A throttling lane that never lets a request through: a request that waits in it is never sent. */
const blockedLane = { key: () => ({ schedule: () => new Promise(() => {}) }) };

/**
 * The server's Octokit class, except that the throttling plugin's lane for writes (which it also
 * puts every GraphQL request through) is blocked. Set per instance: an options object given to
 * `defaults` would be replaced by the `throttle` options Probot passes.
 */
export const OctokitWithBlockedWriteLane = GlueworkOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  throttle: { ...(options.throttle as Record<string, unknown> | undefined), write: blockedLane },
}));
