import type { Association } from "../../../src/demo/shapes/accounts.js";
import {
  type DiscussionSnapshot,
  discussionComment,
  discussion as discussionJson,
} from "../../../src/demo/shapes/discussion.js";
import { historyTitle } from "./graphql-data.js";
import { replayPerson, replayRepo } from "./replay-shapes.js";
import type { History, HistoryComment, HistoryDiscussion, HistoryUser } from "./synthetic-history.js";

/** The answerable category every synthetic discussion is in. */
const QUESTIONS = {
  id: 6_100_000,
  name: "Q&A",
  emoji: ":pray:",
  slug: "q-a",
  description: "Ask the community for help",
  answerable: true,
};

/** A discussion of the history at `at`: its replies so far, and its answer once chosen. */
export const discussionSnapshot = (
  history: History,
  discussion: HistoryDiscussion,
  at: string,
): DiscussionSnapshot => {
  const chosen = discussion.answer && discussion.answer.chosenAt <= at ? discussion.answer : null;
  return {
    repo: replayRepo(history),
    id: 300_000 + discussion.number,
    number: discussion.number,
    title: historyTitle("discussions", discussion.number),
    body: "How do others go about this?",
    author: replayPerson(discussion.author),
    association: discussion.association as Association,
    category: QUESTIONS,
    comments: discussion.comments.flatMap((c) => [c, ...c.replies]).filter((c) => c.createdAt <= at).length,
    createdAt: discussion.createdAt,
    updatedAt: at,
    answer: chosen
      ? { commentId: chosen.commentId, chosenAt: chosen.chosenAt, chosenBy: replayPerson(discussion.author) }
      : null,
  };
};

/**
 * A discussion's webhook deliveries, without the envelope: each comment and reply as
 * `discussion_comment.created`, and the answer, once chosen by the discussion's author, as
 * `discussion.answered`.
 */
export const discussionDeliveries = (history: History, discussion: HistoryDiscussion) => {
  const deliveries: { name: string; at: string; sender: HistoryUser; body: Record<string, unknown> }[] = [];
  const commentJson = (snapshot: DiscussionSnapshot, c: HistoryComment, parent: number | null) => {
    const top = discussion.comments.find((candidate) => candidate.id === c.id);
    return {
      ...discussionComment(snapshot, {
        id: c.id,
        author: replayPerson(c.author),
        association: c.association as Association,
        body: "Here is how we do it.",
        at: c.createdAt,
      }),
      parent_id: parent,
      child_comment_count: top?.replies.filter((reply) => reply.createdAt <= snapshot.updatedAt).length ?? 0,
    };
  };
  const thread = discussion.comments.flatMap((top) => [
    { c: top, parent: null },
    ...top.replies.map((reply) => ({ c: reply, parent: top.id })),
  ]);
  for (const { c, parent } of thread) {
    const snapshot = discussionSnapshot(history, discussion, c.createdAt);
    deliveries.push({
      name: "discussion_comment",
      at: c.createdAt,
      sender: c.author,
      body: {
        action: "created",
        discussion: discussionJson(snapshot),
        comment: commentJson(snapshot, c, parent),
      },
    });
  }
  const answered = discussion.comments.find((c) => c.id === discussion.answer?.commentId);
  if (discussion.answer && answered) {
    const snapshot = discussionSnapshot(history, discussion, discussion.answer.chosenAt);
    deliveries.push({
      name: "discussion",
      at: discussion.answer.chosenAt,
      sender: discussion.author,
      body: {
        action: "answered",
        discussion: discussionJson(snapshot),
        answer: commentJson(snapshot, answered, null),
      },
    });
  }
  return deliveries;
};
