/**
 * A repository's history as plain facts: who opened, reviewed, commented, labelled, merged and
 * released what, and when. Both the GraphQL double (backfill) and the webhook replay are derived
 * from it, so the two paths can be compared on one history.
 */

export type HistoryUser = { login: string; id: number; type: "User" | "Bot" };

export type HistoryEvent = {
  type: "labeled" | "assigned" | "closed" | "reopened" | "locked" | "ready" | "milestoned";
  actor: HistoryUser;
  at: string;
  label?: string;
  /** A close as duplicate (issues). */
  duplicate?: boolean;
  milestone?: number;
};

export type HistoryComment = { id: number; author: HistoryUser; association: string; createdAt: string };

export type HistoryReview = {
  id: number;
  author: HistoryUser;
  state: "APPROVED" | "COMMENTED" | "CHANGES_REQUESTED";
  body: string;
  submittedAt: string;
  comments: { id: number; author: HistoryUser; createdAt: string }[];
};

type Item = {
  number: number;
  nodeId: string;
  author: HistoryUser;
  association: string;
  labels: string[];
  createdAt: string;
  updatedAt: string;
  comments: HistoryComment[];
  events: HistoryEvent[];
};

/** A commit on a PR's branch, pushed by its author. */
export type HistoryPullCommit = { sha: string; author: HistoryUser; at: string };

export type HistoryPull = Item & {
  mergedAt: string | null;
  /** The commit the merge put on the default branch. */
  mergeCommitSha: string | null;
  /** Commits pushed to the PR's branch, oldest first; some by people other than its author. */
  commits: HistoryPullCommit[];
  draft: boolean;
  headSha: string;
  files: { path: string; additions: number; deletions: number }[];
  reviews: (HistoryReview & { nodeId: string })[];
};

export type HistoryIssue = Item & { body: string };

export type HistoryCommit = {
  sha: string;
  author: HistoryUser;
  message: string;
  at: string;
  files: string[];
  pr: number | null;
};

export type HistoryRelease = {
  id: number;
  tag: string;
  author: HistoryUser;
  createdAt: string;
  publishedAt: string;
};

export type HistoryMilestone = {
  id: number;
  number: number;
  title: string;
  creator: HistoryUser;
  createdAt: string;
};

export type HistoryDiscussion = {
  number: number;
  nodeId: string;
  author: HistoryUser;
  association: string;
  createdAt: string;
  updatedAt: string;
  comments: (HistoryComment & { nodeId: string; replies: HistoryComment[] })[];
  answer: { commentId: number; chosenAt: string } | null;
};

/** A sub-issue (`child`) added to a parent issue, by number. */
export type HistorySubIssue = { parent: number; child: number; actor: HistoryUser; at: string };

/** Issue `blocked` recorded as blocked by issue `blocking`, and perhaps that record removed later. */
export type HistoryDependency = {
  blocked: number;
  blocking: number;
  actor: HistoryUser;
  at: string;
  removed: { actor: HistoryUser; at: string } | null;
};

/** An issue's type set (the first time) or changed. */
export type HistoryTyping = { issue: number; type: string; actor: HistoryUser; at: string };

/** Structuring work on issues: sub-issues, dependencies, issue types. */
export type HistoryPlanning = {
  subIssues: HistorySubIssue[];
  dependencies: HistoryDependency[];
  types: HistoryTyping[];
};

export type History = {
  installationId: number;
  repo: {
    id: number;
    owner: string;
    name: string;
    fullName: string;
    private: boolean;
    defaultBranch: string;
  };
  members: HistoryUser[];
  pullRequests: HistoryPull[];
  issues: HistoryIssue[];
  commits: HistoryCommit[];
  releases: HistoryRelease[];
  milestones: HistoryMilestone[];
  discussions: HistoryDiscussion[];
  planning: HistoryPlanning;
};
