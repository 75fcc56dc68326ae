import type { Octokit } from "./octokit.js";

/**
 * Whether GitHub says a merged PR carried a commit on the default branch (the PR gets the
 * credit then). A commit message naming a PR ("… (#12)") proves nothing: it can cite an issue, or
 * be written by hand on a direct push; only GitHub's answer (or the store's merged PR) counts.
 */
export const commitInMergedPullRequest = async (
  octokit: Octokit,
  repo: { owner: string; name: string },
  commit: { sha: string },
): Promise<boolean> => {
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
