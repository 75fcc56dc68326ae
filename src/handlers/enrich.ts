import { classify, needsPullRequestFiles } from "../classify/classify.js";
import type { PathClassifier } from "../classify/path-kinds.js";
import type { Config } from "../config/schema.js";
import { commitInMergedPullRequest } from "../github/commit-in-merged-pull-request.js";
import type { Octokit } from "../github/octokit.js";
import type { SharedFileReads } from "../github/read-pull-request-files.js";
import type { Sql } from "../store/db.js";
import { findBlockedBy } from "../store/issue-dependencies.js";
import { findPullRequestFiles, findReadyAt, savePullRequestFiles } from "../store/pull-request-files.js";
import { isMergeCommitOfStoredPullRequest } from "../store/pull-requests.js";
import type { Activity } from "../vocabulary/activity.js";
import type { ChangedFile, Credit } from "../vocabulary/credit.js";

export const prOf = (activity: Activity): { number: number; headSha: string | null } | null => {
  switch (activity.type) {
    case "review":
    case "review_comment":
    case "pr_merged":
    case "pr_pushed":
      return { number: activity.pr.number, headSha: activity.pr.headSha };
    case "comment":
      return activity.item.kind === "pull_request" ? { number: activity.item.number, headSha: null } : null;
    default:
      return null;
  }
};

const isNotFound = (error: unknown) => (error as { status?: number }).status === 404;

/** Stored for a list read without knowing the head (a comment's): any later head replaces it. */
export const UNKNOWN_HEAD = "unknown";

/** Where the facts that need GitHub come from. */
export type GitHubReads = { octokit: Octokit; readFiles: SharedFileReads };

/**
 * A PR's files, read once per head sha and kept in the store. A comment carries no head sha,
 * so it takes whatever list is stored. A PR that no longer exists has none.
 */
const filesFor = async (
  sql: Sql,
  github: GitHubReads,
  activity: Activity,
  pr: { number: number; headSha: string | null },
): Promise<ChangedFile[] | undefined> => {
  const key = { installationId: activity.installationId, repoId: activity.repo.id, number: pr.number };
  const cached = await findPullRequestFiles(sql, key, pr.headSha ?? undefined);
  if (cached) return cached;
  try {
    // Shared with whoever asks for the same head until it is stored: the list is read once.
    return await github.readFiles(github.octokit, activity.repo, pr.number, pr.headSha, (files) =>
      savePullRequestFiles(sql, key, pr.headSha ?? UNKNOWN_HEAD, files),
    );
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
};

/**
 * Classifies one activity with what the rules need from outside: the PR's files, when it was
 * marked ready, for a closed issue the open issues recorded as blocked by it, and for a pushed
 * commit whether a merged PR carries it (the store's merged PRs first, then GitHub; never the
 * commit's message). GitHub is asked only when the answer can change the credits.
 */
export const classifyWithFacts = async (
  sql: Sql,
  github: GitHubReads,
  activity: Activity,
  config: Config,
  kindOf: PathClassifier,
): Promise<Credit[]> => {
  const pr = prOf(activity);
  const key = pr && { installationId: activity.installationId, repoId: activity.repo.id, number: pr.number };
  // These answers come from the store: asked at once, they take one round trip's time.
  const closesIssue =
    activity.type === "triage" &&
    activity.item.kind === "issue" &&
    (activity.action === "close" || activity.action === "duplicate");
  const [readyAt, files, blocked] = await Promise.all([
    activity.type === "review" && key ? findReadyAt(sql, key) : null,
    pr && needsPullRequestFiles(activity) ? filesFor(sql, github, activity, pr) : undefined,
    closesIssue && activity.blockedAtClose !== undefined
      ? activity.blockedAtClose
      : closesIssue
        ? findBlockedBy(sql, {
            installationId: activity.installationId,
            repoId: activity.repo.id,
            number: activity.item.number,
          })
        : undefined,
  ]);
  const subject =
    readyAt && activity.type === "review" ? { ...activity, pr: { ...activity.pr, readyAt } } : activity;
  const known = activity.type === "push_commit" ? activity.inMergedPullRequest : undefined;
  const credits = classify({ activity: subject, config, kindOf, files, blocked, commitInMergedPr: known });
  if (activity.type !== "push_commit" || credits.length === 0 || known !== undefined) return credits;
  const commit = {
    installationId: activity.installationId,
    repoId: activity.repo.id,
    sha: activity.commit.sha,
  };
  if (await isMergeCommitOfStoredPullRequest(sql, commit)) return [];
  const merged = await commitInMergedPullRequest(github.octokit, activity.repo, activity.commit);
  return merged ? [] : credits;
};
