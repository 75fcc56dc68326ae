import { z } from "zod";

/** The pull request a delivery is about. */
export type PullRequestTouch = { installationId: number; repoId: number; repo: string; number: number };

/** What a pull request event says about the PR itself, kept so that outputs can find its head. */
export type PullRequestFacts = PullRequestTouch & {
  headSha: string;
  authorLogin: string;
  merged: boolean;
  /** The commit the merge put on the base branch, once merged. */
  mergeCommitSha?: string | null;
  /** This delivery is the PR being opened: nothing of Gluework's can be on it yet. */
  opened?: boolean;
  /** When GitHub last updated the PR as this delivery saw it. */
  headAt: string | null;
};

/** A delivery's pull request: which one, what the payload says of it, and when it was marked ready. */
export type TouchedPullRequest = { pr: PullRequestTouch; facts: PullRequestFacts | null; readyAt?: string };

const prEvent = z.object({
  action: z.string().optional(),
  installation: z.object({ id: z.number() }),
  repository: z.object({ id: z.number(), full_name: z.string() }),
  pull_request: z.object({
    number: z.number(),
    head: z.object({ sha: z.string() }),
    user: z.object({ login: z.string() }),
    merged_at: z.string().nullish(),
    merged: z.boolean().nullish(),
    merge_commit_sha: z.string().nullish(),
    updated_at: z.string().optional(),
  }),
});

const prCommentEvent = z.object({
  installation: z.object({ id: z.number() }),
  repository: z.object({ id: z.number(), full_name: z.string() }),
  issue: z.object({ number: z.number(), pull_request: z.object({}).passthrough() }),
});

const isoOrNull = (value: string | undefined): string | null => {
  const time = Date.parse(value ?? "");
  return Number.isNaN(time) ? null : new Date(time).toISOString();
};

/**
 * The PR a delivery is about, with what the payload says of it (a comment's payload says only
 * which PR). Pure; null for a delivery about no PR or without the fields read here.
 */
export const touchedPullRequest = (name: string, payload: unknown): TouchedPullRequest | null => {
  if (name === "pull_request" || name === "pull_request_review" || name === "pull_request_review_comment") {
    const event = prEvent.safeParse(payload);
    if (!event.success) return null;
    const { installation, repository, pull_request: pr, action } = event.data;
    const touch = {
      installationId: installation.id,
      repoId: repository.id,
      repo: repository.full_name,
      number: pr.number,
    };
    const headAt = isoOrNull(pr.updated_at);
    return {
      pr: touch,
      facts: {
        ...touch,
        headSha: pr.head.sha,
        authorLogin: pr.user.login,
        merged: Boolean(pr.merged_at ?? pr.merged),
        mergeCommitSha: pr.merge_commit_sha ?? null,
        headAt,
        ...(name === "pull_request" && action === "opened" ? { opened: true } : {}),
      },
      ...(action === "ready_for_review" && headAt ? { readyAt: headAt } : {}),
    };
  }
  if (name === "issue_comment") {
    const event = prCommentEvent.safeParse(payload);
    if (!event.success) return null;
    const { installation, repository, issue } = event.data;
    return {
      pr: {
        installationId: installation.id,
        repoId: repository.id,
        repo: repository.full_name,
        number: issue.number,
      },
      facts: null,
    };
  }
  return null;
};
