import { example, examplesOf, user } from "./examples.js";

/** A GitHub user object as payloads carry it. */
export type Person = ReturnType<typeof user>;

/**
 * The first real example of `event` that carries an installation and that `matches` accepts,
 * deep-copied.
 */
export const installedExample = (
  event: string,
  matches: (payload: Record<string, unknown>) => boolean,
  what: string,
): Record<string, any> => {
  const found = examplesOf(event).find((candidate) => candidate.installation && matches(candidate));
  if (!found) throw new Error(`no ${event} example ${what} with an installation`);
  return found as Record<string, any>;
};

/** The real push example to the default branch (`refs/heads/master`), with an installation. */
export const defaultBranchPushExample = (): Record<string, any> =>
  installedExample("push", (payload) => payload.ref === "refs/heads/master", "to refs/heads/master");

/** The real `discussion_comment.created` example with an installation: a reply in discussion #4. */
export const discussionReplyExample = (): Record<string, any> =>
  installedExample("discussion_comment", (payload) => payload.action === "created", "created");

/** Who comments, on whose issue or discussion, and when. */
export type Comment = {
  /** Who opened the issue or discussion, and their association with the repository. */
  author: Person;
  authorAssociation: string;
  /** Who comments, and their association with the repository. */
  by: Person;
  association: string;
  id: number;
  at: string;
};

/**
 * `payload`, a real comment example on an `issue` or a `discussion`, turned into `comment` (its
 * page at `url`) on an item opened by `comment.author`.
 */
export const asComment = (
  payload: Record<string, any>,
  on: "issue" | "discussion",
  comment: Comment,
  url: string,
): Record<string, any> => {
  payload[on].user = comment.author;
  payload[on].author_association = comment.authorAssociation;
  payload.comment.id = comment.id;
  payload.comment.html_url = url;
  payload.comment.user = comment.by;
  payload.comment.author_association = comment.association;
  payload.comment.created_at = comment.at;
  payload.comment.updated_at = comment.at;
  payload.sender = comment.by;
  return payload;
};

/** Who opened an issue, who acts on it, and when. */
export type IssueAction = { author: Person; sender: Person; at: string };

/**
 * The real `issues` example for `action`, on an issue opened by `author` (an outsider), done by
 * `sender` at `at`. Actions the examples lack (closed) start from `reopened`'s payload, closed as
 * completed at `at`.
 */
export const issueEvent = (action: string, { author, sender, at }: IssueAction) => {
  const payload = example("issues", action === "closed" ? "reopened" : action);
  payload.action = action;
  payload.issue.user = author;
  payload.issue.author_association = "NONE";
  payload.issue.updated_at = at;
  payload.sender = sender;
  if (action === "closed") {
    payload.issue.state = "closed";
    payload.issue.closed_at = at;
    payload.issue.state_reason = "completed";
  }
  return payload;
};

/**
 * The real `pull_request_review.submitted` example on `pullRequest` (merged over the example's),
 * as review `reviewId` by `login` (user `id`) with `state` and `body`.
 */
export const reviewOn = (
  pullRequest: Record<string, any>,
  {
    login,
    id,
    reviewId,
    state,
    body,
  }: { login: string; id: number; reviewId: number; state: string; body: string },
): Record<string, any> => {
  const payload = example("pull_request_review", "submitted");
  payload.pull_request = { ...payload.pull_request, ...pullRequest };
  payload.review = { ...payload.review, id: reviewId, user: user(login, id), state, body };
  return payload;
};
