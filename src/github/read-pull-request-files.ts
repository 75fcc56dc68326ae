import type { ChangedFile } from "../vocabulary/credit.js";

import type { Octokit } from "./octokit.js";

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

export type SharedFileReads = (
  octokit: Octokit,
  repo: { owner: string; name: string },
  number: number,
  headSha: string | null,
  /** Keeps the list (in the store): callers that come after it find it there. */
  keep?: (files: ChangedFile[]) => Promise<void>,
) => Promise<ChangedFile[]>;

/**
 * `readPullRequestFiles`, with one read shared by every caller that asks for the same PR head
 * until the list is kept: a review and its inline comments arrive together, and each would
 * otherwise miss the stored list and read it again.
 */
export const createSharedFileReads = (): SharedFileReads => {
  const inFlight = new Map<string, Promise<ChangedFile[]>>();
  return (octokit, repo, number, headSha, keep) => {
    const key = `${repo.owner}/${repo.name}#${number}@${headSha ?? "?"}`.toLowerCase();
    const running = inFlight.get(key);
    if (running) return running;
    const read = readPullRequestFiles(octokit, repo, number)
      .then(async (files) => {
        await keep?.(files);
        return files;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, read);
    return read;
  };
};
