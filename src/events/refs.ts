import type { z } from "zod";
import type { Activity, Actor, ItemRef, PullRequestRef, RepoRef } from "../vocabulary/activity.js";
import type {
  commentSchema,
  discussionSchema,
  envelopeSchema,
  issueSchema,
  PayloadUser,
  pullRequestSchema,
  repositorySchema,
} from "./payload.js";

export const isBotLogin = (login: string): boolean => login.toLowerCase().endsWith("[bot]");

/**
 * Who acted. A bot or AI agent (`type: Bot`, a `[bot]` login) or an action a GitHub App
 * performed (`performed_via_github_app`) is marked `bot`: never credited.
 */
export const toActor = (user: PayloadUser, viaApp?: object | null): Actor => ({
  login: user.login,
  id: user.id,
  bot: user.type === "Bot" || isBotLogin(user.login) || Boolean(viaApp),
});

export const toIso = (timestamp: string | number): string => new Date(timestamp).toISOString();

export const toRepo = (repository: z.output<typeof repositorySchema>): RepoRef => ({
  id: repository.id,
  owner: repository.owner.login,
  name: repository.name,
  fullName: repository.full_name,
  private: repository.private,
  defaultBranch: repository.default_branch ?? "main",
});

const labelNames = (labels: { name: string }[] | null | undefined): string[] =>
  (labels ?? []).map((label) => label.name);

export const toPullRequest = (pr: z.output<typeof pullRequestSchema>): PullRequestRef => ({
  kind: "pull_request",
  number: pr.number,
  url: pr.html_url,
  author: toActor(pr.user),
  authorAssociation: pr.author_association,
  labels: labelNames(pr.labels),
  createdAt: toIso(pr.created_at),
  ...(pr.title ? { title: pr.title } : {}),
  headSha: pr.head.sha,
  readyAt: toIso(pr.created_at),
});

export const toIssueItem = (issue: z.output<typeof issueSchema>): ItemRef => ({
  kind: issue.pull_request ? "pull_request" : "issue",
  number: issue.number,
  url: issue.html_url,
  author: toActor(issue.user),
  authorAssociation: issue.author_association,
  labels: labelNames(issue.labels),
  createdAt: toIso(issue.created_at),
  ...(issue.title ? { title: issue.title } : {}),
});

export const toDiscussionItem = (discussion: z.output<typeof discussionSchema>): ItemRef => ({
  kind: "discussion",
  number: discussion.number,
  url: discussion.html_url,
  author: toActor(discussion.user),
  authorAssociation: discussion.author_association,
  labels: labelNames(discussion.labels),
  createdAt: toIso(discussion.created_at),
  ...(discussion.title ? { title: discussion.title } : {}),
});

/** A comment on an issue, a PR's conversation or a discussion, by the comment's author. */
export const toCommentActivity = (
  event: z.output<typeof envelopeSchema> & { comment: z.output<typeof commentSchema> },
  item: ItemRef,
): Activity => ({
  type: "comment",
  installationId: event.installation.id,
  repo: toRepo(event.repository),
  actor: toActor(event.comment.user, event.comment.performed_via_github_app),
  actorAssociation: event.comment.author_association,
  at: toIso(event.comment.created_at),
  item,
  comment: { id: event.comment.id, url: event.comment.html_url },
});
