import { z } from "zod";
import { findPullRequest, type PullRequestRecord, savePullRequests } from "../../store/pull-requests.js";
import { ownerAndName } from "../repo-name.js";
import type { JobContext } from "./job-context.js";

export const pullRequestJobSchema = z.object({
  repoId: z.number(),
  repo: z.string(),
  number: z.number(),
});

export type PullRequestJob = z.output<typeof pullRequestJobSchema>;

/**
 * The PR a job is about, as the store knows it. A PR seen only through a comment has no head
 * yet: it is read from GitHub once and remembered.
 */
export const loadPullRequest = async (
  context: JobContext,
  job: PullRequestJob,
): Promise<PullRequestRecord> => {
  const key = { installationId: context.installationId, repoId: job.repoId, number: job.number };
  const known = await findPullRequest(context.sql, key);
  if (known) return known;
  const { owner, repo } = ownerAndName(job.repo);
  const { data } = await context.octokit.rest.pulls.get({ owner, repo, pull_number: job.number });
  await savePullRequests(context.sql, [
    {
      ...key,
      repo: job.repo,
      headSha: data.head.sha,
      authorLogin: data.user.login,
      merged: data.merged,
      headAt: data.updated_at,
    },
  ]);
  const saved = await findPullRequest(context.sql, key);
  if (!saved) throw new Error(`pull request ${job.repo}#${job.number} could not be stored`);
  return saved;
};
