import type { Octokit } from "./octokit.js";

/** GitHub's own merge and squash messages name the PR: "Merge pull request #12 from …", "Title (#12)". */
const MERGE_MESSAGE = /^Merge pull request #\d+ from |\(#\d+\)$/;

export const namesPullRequest = (message: string): boolean =>
  MERGE_MESSAGE.test(message.split("\n", 1)[0]?.trim() ?? "");

/**
 * Whether a commit on the default branch came in through a merged PR (which gets the credit).
 * Answered from the message when GitHub wrote it, else by one API read.
 */
export const commitInMergedPullRequest = async (
  octokit: Octokit,
  repo: { owner: string; name: string },
  commit: { sha: string; message: string },
): Promise<boolean> => {
  if (namesPullRequest(commit.message)) return true;
  try {
    const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
      owner: repo.owner,
      repo: repo.name,
      commit_sha: commit.sha,
    });
    return data.some((pr) => pr.merged_at !== null);
  } catch (error) {
    if ((error as { status?: number }).status === 404 || (error as { status?: number }).status === 422)
      return false;
    throw error;
  }
};
