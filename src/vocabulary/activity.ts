/**
 * Activity: one thing a person did in a repository, normalised from a webhook payload or from
 * GraphQL history. The classifier turns Activities into credits and never sees a payload.
 */

export type Actor = { login: string; id: number | null; bot: boolean };

export type RepoRef = {
  id: number;
  owner: string;
  name: string;
  /** `owner/name` */
  fullName: string;
  private: boolean;
  defaultBranch: string;
};

export type ItemKind = "pull_request" | "issue" | "discussion";

/** The issue, pull request or discussion an activity happened on. */
export type ItemRef = {
  kind: ItemKind;
  number: number;
  url: string;
  author: Actor;
  authorAssociation: string;
  labels: string[];
  createdAt: string;
  /** The item's title, when the payload or history carries it. */
  title?: string | undefined;
};

export type PullRequestRef = ItemRef & {
  kind: "pull_request";
  headSha: string;
  /** When the PR became ready for review: opened non-draft, or marked ready later. */
  readyAt: string;
};

export type TriageAction =
  | "label"
  | "assign"
  | "close"
  | "reopen"
  | "transfer"
  | "duplicate"
  | "lock"
  | "type";

type Base = { installationId: number; repo: RepoRef; actor: Actor; at: string };

export type Activity =
  | (Base & {
      type: "review";
      pr: PullRequestRef;
      review: { id: number; state: string; body: string; url: string };
      /** The reviewer's `author_association`, when the payload carries it. */
      actorAssociation?: string | undefined;
    })
  | (Base & { type: "review_comment"; pr: PullRequestRef; comment: { id: number; url: string } })
  | (Base & {
      type: "comment";
      item: ItemRef;
      actorAssociation: string;
      comment: { id: number; url: string };
    })
  | (Base & { type: "pr_merged"; pr: PullRequestRef })
  | (Base & { type: "pr_pushed"; pr: PullRequestRef; sha: string })
  /** A draft marked ready for review: earns nothing, but restarts the wait a stale review is judged by. */
  | (Base & { type: "pr_ready"; pr: PullRequestRef })
  | (Base & {
      type: "triage";
      action: TriageAction;
      item: ItemRef;
      label?: string;
      /**
       * For a close read from history: the open issues recorded as blocked by it at that moment,
       * with their authors (GitHub's timeline). Absent (a webhook close): the store's records.
       */
      blockedAtClose?: readonly Pick<ItemRef, "url" | "author">[] | undefined;
    })
  | (Base & { type: "tracking_issue"; item: ItemRef; body: string })
  | (Base & { type: "milestone"; action: string; milestone: { id: number; url: string } })
  | (Base & { type: "milestoned"; item: ItemRef; milestone: { id: number; url: string } })
  | (Base & {
      type: "push_commit";
      commit: { sha: string; message: string; url: string; files: string[] };
      /**
       * Whether a merged PR carries the commit, when GitHub said so as it was read (history asks
       * GraphQL). Absent (a webhook push): the classify stage asks the store, then GitHub.
       */
      inMergedPullRequest?: boolean | undefined;
    })
  | (Base & { type: "release"; release: { id: number; tag: string; url: string; name?: string | undefined } })
  | (Base & { type: "answer_accepted"; item: ItemRef; answer: { id: number; url: string } })
  /** A sub-issue added to `parent` (its repository is `repo`). */
  | (Base & { type: "sub_issue"; parent: ItemRef; child: ItemRef })
  /**
   * `blocked` (in `repo`) recorded as blocked by `blocking`, or that record removed. The store
   * keeps the records: closing `blocking` unblocks `blocked`.
   */
  | (Base & {
      type: "dependency";
      action: "added" | "removed";
      blocked: ItemRef;
      /** Whether the blocked issue was open when the dependency was recorded, when the source says. */
      blockedOpen?: boolean;
      blocking: ItemRef & { repo: RepoRef };
    });

export type ActivityType = Activity["type"];

/** Issues and PRs share a number space in a repository; discussions have their own. */
export const itemKey = (repo: Pick<RepoRef, "fullName">, item: Pick<ItemRef, "kind" | "number">): string =>
  item.kind === "discussion"
    ? `${repo.fullName}/discussions/${item.number}`
    : `${repo.fullName}#${item.number}`;
