import { type Association, nodeId, type Person, user } from "./accounts.js";
import { reactions } from "./issue.js";
import { fullName, type Repo, repoApiUrl, repoWebUrl } from "./repository.js";

/** A discussion at one moment. */
export type DiscussionSnapshot = {
  repo: Repo;
  id: number;
  number: number;
  title: string;
  body: string;
  author: Person;
  association: Association;
  category: {
    id: number;
    name: string;
    emoji: string;
    slug: string;
    description: string;
    answerable: boolean;
  };
  comments: number;
  createdAt: string;
  updatedAt: string;
  answer: { commentId: number; chosenAt: string; chosenBy: Person } | null;
};

export type DiscussionCommentSnapshot = {
  id: number;
  author: Person;
  association: Association;
  body: string;
  at: string;
};

const commentUrl = (d: DiscussionSnapshot, commentId: number): string =>
  `${repoWebUrl(d.repo)}/discussions/${d.number}#discussioncomment-${commentId}`;

export const discussion = (d: DiscussionSnapshot) => ({
  repository_url: repoApiUrl(d.repo),
  category: {
    id: d.category.id,
    node_id: nodeId("DiscussionCategory", d.category.id),
    repository_id: d.repo.id,
    emoji: d.category.emoji,
    name: d.category.name,
    description: d.category.description,
    created_at: d.repo.createdAt,
    updated_at: d.repo.createdAt,
    slug: d.category.slug,
    is_answerable: d.category.answerable,
  },
  answer_html_url: d.answer ? commentUrl(d, d.answer.commentId) : null,
  answer_chosen_at: d.answer?.chosenAt ?? null,
  answer_chosen_by: d.answer ? user(d.answer.chosenBy) : null,
  html_url: `${repoWebUrl(d.repo)}/discussions/${d.number}`,
  id: d.id,
  node_id: nodeId("Discussion", d.id),
  number: d.number,
  title: d.title,
  user: user(d.author),
  state: "open",
  state_reason: null,
  locked: false,
  comments: d.comments,
  created_at: d.createdAt,
  updated_at: d.updatedAt,
  author_association: d.association,
  active_lock_reason: null,
  body: d.body,
  reactions: reactions(`${repoApiUrl(d.repo)}/discussions/${d.number}`),
});

/** A reply in a discussion (also the `answer` of `discussion.answered`). */
export const discussionComment = (d: DiscussionSnapshot, c: DiscussionCommentSnapshot) => ({
  id: c.id,
  node_id: nodeId("DiscussionComment", c.id),
  html_url: commentUrl(d, c.id),
  parent_id: null,
  child_comment_count: 0,
  // GitHub sends `owner/name` here, not a URL.
  repository_url: fullName(d.repo),
  discussion_id: d.id,
  author_association: c.association,
  user: user(c.author),
  created_at: c.at,
  updated_at: c.at,
  body: c.body,
  reactions: reactions(`${repoApiUrl(d.repo)}/discussions/comments/${c.id}`),
});
