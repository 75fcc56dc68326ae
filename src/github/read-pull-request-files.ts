import type { ProbotOctokit } from "probot";
import type { ChangedFile } from "../classify/credit.js";

type Octokit = InstanceType<typeof ProbotOctokit>;

/** A PR's changed files (a rename counts as its new path), every page of them. */
export const readPullRequestFiles = async (
  octokit: Octokit,
  repo: { owner: string; name: string },
  number: number,
): Promise<ChangedFile[]> => {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
    owner: repo.owner,
    repo: repo.name,
    pull_number: number,
    per_page: 100,
  });
  return files.map((file) => ({ path: file.filename, additions: file.additions, deletions: file.deletions }));
};
