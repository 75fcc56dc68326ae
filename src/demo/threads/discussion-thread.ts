import type { Association, Person } from "../shapes/accounts.js";
import {
  type DiscussionCommentSnapshot,
  type DiscussionSnapshot,
  discussion,
  discussionComment,
} from "../shapes/discussion.js";
import type { Repo } from "../shapes/repository.js";
import { clock, type Timeline } from "../timeline.js";

export type DiscussionSpec = {
  number: number;
  author: Person;
  association?: Association;
  title: string;
  body: string;
  at: string;
  category: DiscussionSnapshot["category"];
};

/** A discussion: started, replied to, and an answer marked. */
export const startDiscussion = (t: Timeline, repo: Repo, spec: DiscussionSpec) => {
  const tick = clock(`${repo.name} discussion ${spec.number}`, spec.at);
  const state: DiscussionSnapshot = {
    repo,
    id: t.nextId("discussion"),
    number: spec.number,
    title: spec.title,
    body: spec.body,
    author: spec.author,
    association: spec.association ?? spec.author.association,
    category: spec.category,
    comments: 0,
    createdAt: spec.at,
    updatedAt: spec.at,
    answer: null,
  };
  const replies: DiscussionCommentSnapshot[] = [];
  t.emit(spec.at, "discussion", {
    action: "created",
    discussion: discussion(state),
    ...t.envelope(repo, spec.author),
  });

  return {
    /** A reply; returns its index, to mark it as the answer later. */
    reply: (by: Person, at: string, body: string): number => {
      state.comments += 1;
      state.updatedAt = tick(at);
      const association = by.login === state.author.login ? state.association : by.association;
      const reply = { id: t.nextId("discussionComment"), author: by, association, body, at };
      replies.push(reply);
      t.emit(at, "discussion_comment", {
        action: "created",
        comment: discussionComment(state, reply),
        discussion: discussion(state),
        ...t.envelope(repo, by),
      });
      return replies.length - 1;
    },
    markAnswer: (by: Person, at: string, replyIndex: number) => {
      const answer = replies[replyIndex];
      if (!answer) throw new Error(`discussion ${spec.number} has no reply ${replyIndex}`);
      state.updatedAt = tick(at);
      state.answer = { commentId: answer.id, chosenAt: at, chosenBy: by };
      t.emit(at, "discussion", {
        action: "answered",
        discussion: discussion(state),
        answer: discussionComment(state, answer),
        ...t.envelope(repo, by),
      });
    },
  };
};
