import { isBotLogin } from "../events/refs.js";
import type { CommitNode, DiscussionNode, ReleaseNode, RestMilestone } from "./history-schemas.js";
import {
  baseOf,
  type HistoryEntry,
  type HistoryScope,
  toHistoryActor,
  toItem,
  withinWindow,
} from "./map-refs.js";

const userActor = (user: {
  login: string;
  databaseId?: number | null | undefined;
  type?: string | undefined;
}) => ({
  login: user.login,
  id: user.databaseId ?? null,
  bot: user.type === "Bot" || isBotLogin(user.login),
});

/**
 * Whether GitHub says a merged PR brought the commit in (then the PR is credited, not the
 * commit). Its message is no proof: "… (#12)" can cite an issue or be written by hand.
 */
export const commitInMergedPr = (node: CommitNode): boolean =>
  (node.associatedPullRequests?.nodes ?? []).some((pull) => Boolean(pull.mergedAt));

/** Who history says wrote a commit: its author's GitHub account. Who pushed it is not in history. */
export const commitAuthor = (node: CommitNode) => (node.author?.user ? userActor(node.author.user) : null);

/** A direct commit on the default branch, credited to its author, judged by its files. */
export const commitEntry = (scope: HistoryScope, node: CommitNode, files: string[]): HistoryEntry[] => {
  const actor = commitAuthor(node);
  if (!actor) return [];
  return withinWindow(scope, [
    {
      activity: {
        ...baseOf(scope, actor, node.authoredDate),
        type: "push_commit",
        commit: { sha: node.oid, message: node.message, url: node.url, files },
      },
      commitInMergedPr: commitInMergedPr(node),
    },
  ]);
};

/**
 * A published release, credited to its author: who pressed "publish" is known only to the
 * webhook, and history shows who made the release.
 */
export const releaseEntry = (scope: HistoryScope, node: ReleaseNode): HistoryEntry[] => {
  if (node.isDraft || !node.publishedAt || !node.author) return [];
  return withinWindow(scope, [
    {
      activity: {
        ...baseOf(scope, userActor(node.author), node.publishedAt),
        type: "release",
        release: { id: node.databaseId, tag: node.tagName, url: node.url },
      },
    },
  ]);
};

/** A milestone's creation, by its creator. Who closed or edited it is known only to webhooks. */
export const milestoneEntry = (scope: HistoryScope, milestone: RestMilestone): HistoryEntry[] => {
  if (!milestone.creator) return [];
  return withinWindow(scope, [
    {
      activity: {
        ...baseOf(
          scope,
          userActor({
            login: milestone.creator.login,
            databaseId: milestone.creator.id,
            type: milestone.creator.type,
          }),
          milestone.created_at,
        ),
        type: "milestone",
        action: "created",
        milestone: { id: milestone.id, url: milestone.html_url },
      },
    },
  ]);
};

/** A discussion's accepted answer and every comment and reply in it (support rules). */
export const discussionEntries = (scope: HistoryScope, node: DiscussionNode): HistoryEntry[] => {
  const item = toItem("discussion", node);
  const entries: HistoryEntry[] = [];
  const answerer = toHistoryActor(node.answer?.author ?? null);
  if (node.answer && answerer && node.answerChosenAt) {
    entries.push({
      activity: {
        ...baseOf(scope, answerer, node.answerChosenAt),
        type: "answer_accepted",
        item,
        answer: { id: node.answer.databaseId, url: node.answer.url },
      },
    });
  }
  const comments = node.comments.nodes.flatMap((comment) => [comment, ...comment.replies.nodes]);
  for (const comment of comments) {
    const author = toHistoryActor(comment.author);
    if (!author) continue;
    entries.push({
      activity: {
        ...baseOf(scope, author, comment.createdAt),
        type: "comment",
        item,
        actorAssociation: comment.authorAssociation,
        comment: { id: comment.databaseId, url: comment.url },
      },
    });
  }
  return withinWindow(scope, entries);
};
