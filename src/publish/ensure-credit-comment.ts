import { findOwnItem, isAuthoredByApp } from "../github/app-identity.js";
import type { Octokit } from "../github/octokit.js";
import type { Sql } from "../store/db.js";
import { noteCommentAttempt, type PullRequestRecord, saveCreditComment } from "../store/pull-requests.js";
import { CREDIT_COMMENT_MARKER } from "./credit-comment-body.js";
import { answeredId, type EnsureOutcome, ensure } from "./ensure.js";
import { type EnsureOptions, type GitHubWrite, orNoneIfMissing } from "./github-write.js";
import { ownerAndName } from "./repo-name.js";

/**
 * Gluework's comment on the PR: remembered; none when Gluework saw the PR opened and never tried
 * to post one (noted atomically, so a retry after a failed post searches); else found by its
 * hidden marker among the comments the app's own bot account wrote (anyone can type the marker).
 */
const findComment = async (
  octokit: Octokit,
  sql: Sql,
  pr: PullRequestRecord,
  { dryRun, app }: EnsureOptions,
): Promise<{ id: number; body: string } | null> => {
  if (pr.commentId && pr.commentBody !== null) return { id: pr.commentId, body: pr.commentBody };
  if (!dryRun && pr.openedSeen && !pr.commentAttempted && (await noteCommentAttempt(sql, pr))) return null;
  const comments = await orNoneIfMissing(
    () =>
      octokit.paginate(octokit.rest.issues.listComments, {
        ...ownerAndName(pr.repo),
        issue_number: pr.number,
        per_page: 100,
      }),
    [],
  );
  const found = await findOwnItem(
    comments,
    (comment) => comment.body?.includes(CREDIT_COMMENT_MARKER) ?? false,
    (identity, comment) => isAuthoredByApp(identity, comment.user),
    app,
  );
  return found ? { id: found.id, body: found.body ?? "" } : null;
};

export const planCreditComment = (
  pr: PullRequestRecord,
  existing: { id: number; body: string } | null,
  body: string,
): GitHubWrite | null => {
  if (!existing) {
    return {
      route: "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
      params: { ...ownerAndName(pr.repo), issue_number: pr.number, body },
      purpose: `post credit comment on ${pr.repo}#${pr.number}`,
    };
  }
  if (existing.body === body) return null;
  return {
    route: "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}",
    params: { ...ownerAndName(pr.repo), comment_id: existing.id, body },
    purpose: `edit credit comment on ${pr.repo}#${pr.number}`,
  };
};

/** One credit comment per PR: created once, edited when its text changes, never duplicated. */
export const ensureCreditComment = async (
  octokit: Octokit,
  sql: Sql,
  pr: PullRequestRecord,
  body: string,
  options: EnsureOptions,
): Promise<EnsureOutcome> => {
  const { outcome } = await ensure<{ id: number; body: string }>(
    octokit,
    {
      find: () => findComment(octokit, sql, pr, options),
      plan: (existing) => planCreditComment(pr, existing, body),
      beforeCreate: () => noteCommentAttempt(sql, pr).then(() => undefined),
      remember: async (existing, answer) => {
        const id = existing?.id ?? answeredId(answer);
        if (id !== null) await saveCreditComment(sql, pr, { id, body });
      },
      // Someone deleted the comment we remembered: post it again, once.
      recreateWhenGone: true,
    },
    options,
  );
  return outcome;
};
