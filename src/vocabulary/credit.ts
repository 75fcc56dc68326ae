import type { Category, RuleId } from "./rules.js";

export type SubjectType = "pull_request" | "issue" | "discussion" | "commit" | "release" | "milestone";

/** One unit of credit in the ledger. `sourceKey` is unique per installation: seen twice, stored once. */
export type Credit = {
  installationId: number;
  repoId: number;
  /** `owner/name` */
  repo: string;
  repoPrivate: boolean;
  actorLogin: string;
  actorId: number | null;
  category: Category;
  rule: RuleId;
  weight: number;
  subjectType: SubjectType;
  /** `owner/name#12`, `owner/name/discussions/3`, `owner/name@sha`, … */
  subjectKey: string;
  url: string;
  occurredAt: string;
  sourceKey: string;
  /** Extra evidence a report may use: a review's state (`changes_requested`, …). */
  detail?: string | undefined;
  /** The title of the subject (PR, issue, discussion, release, commit), when the activity carries it. */
  subjectTitle?: string | undefined;
  /** The actor's `author_association` with the repository, when the activity shows it. */
  actorAssociation?: string | undefined;
};

/** A changed file of a PR, as the pulls API lists it. */
export type ChangedFile = { path: string; additions: number; deletions: number };
