import type { Owner, Person } from "../../../src/demo/shapes/accounts.js";
import { stableId } from "../../../src/demo/shapes/ids.js";
import type { IssueSnapshot, MilestoneSnapshot } from "../../../src/demo/shapes/issue.js";
import type { PullSnapshot } from "../../../src/demo/shapes/pull-request.js";
import type { Repo } from "../../../src/demo/shapes/repository.js";
import { labelJson } from "../github-items.js";
import { historyTitle } from "./graphql-data.js";
import type { History, HistoryEvent, HistoryIssue, HistoryPull, HistoryUser } from "./synthetic-history.js";

/**
 * A history's people, repository, issues and pull requests as the snapshots the webhook shapes
 * (`src/demo/shapes`) are built from, at one moment: each item's state, lock, draft and merge as
 * its events had left them then, and every value Gluework reads exactly as the history has it.
 */

/** The organisation that owns every synthetic repository. */
const ownerOf = (history: History): Owner => ({
  login: history.repo.owner,
  id: 4_200_000,
  description: `The ${history.repo.owner} organisation`,
  kind: "Organization",
});

export const replayRepo = (history: History): Repo => ({
  owner: ownerOf(history),
  name: history.repo.name,
  id: history.repo.id,
  private: history.repo.private,
  defaultBranch: history.repo.defaultBranch,
  description: `${history.repo.name} of ${history.repo.owner}`,
  language: "TypeScript",
  createdAt: "2024-03-01T09:00:00Z",
  topics: [],
});

/** A history's user as payloads name them: a bot's login ends in `[bot]`. */
export const replayPerson = (who: HistoryUser): Person => {
  const login = who.type === "Bot" ? `${who.login}[bot]` : who.login;
  return { login, id: who.id, name: login, type: who.type, association: "NONE" };
};

/** Label objects of `names`, each with one id per repository and name. */
export const replayLabels = (history: History, names: string[]) =>
  names.map((name) =>
    labelJson(history.repo.fullName, name, stableId(`${history.repo.id}/${name}`, 8_800_000_000)),
  );

/** The ids the replay gives issues and pull requests (GitHub's are unique across both). */
export const issueId = (number: number): number => 200_000 + number;
export const pullId = (number: number): number => 100_000 + number;

/**
 * What `events[0..through]` (or those until `at`) left of an item: its close, its lock, who it
 * is assigned to and its milestone.
 */
const stateAfter = (events: HistoryEvent[], at: string, through?: number) => {
  const happened = through === undefined ? events.filter((e) => e.at <= at) : events.slice(0, through + 1);
  let closed: HistoryEvent | null = null;
  let reopened = false;
  for (const e of happened) {
    if (e.type === "closed") [closed, reopened] = [e, false];
    if (e.type === "reopened") [closed, reopened] = [null, true];
  }
  const assigned = happened.filter((e) => e.type === "assigned").map((e) => e.actor);
  return {
    closed,
    reopened,
    locked: happened.some((e) => e.type === "locked"),
    ready: happened.some((e) => e.type === "ready"),
    assignees: [...new Map(assigned.map((who) => [who.id, replayPerson(who)])).values()],
    milestone: happened.findLast((e) => e.type === "milestoned")?.milestone,
  };
};

const stateReason = (closed: HistoryEvent | null, reopened: boolean): IssueSnapshot["stateReason"] => {
  if (closed) return closed.duplicate ? "duplicate" : "completed";
  return reopened ? "reopened" : null;
};

const lockOf = (locked: boolean) => ({ locked, lockReason: locked ? ("resolved" as const) : null });

/** An issue of the history at `at`, after its `through`th event when given. */
export const issueSnapshot = (
  history: History,
  issue: HistoryIssue,
  at: string,
  through?: number,
): IssueSnapshot => {
  const { closed, reopened, locked, assignees, milestone } = stateAfter(issue.events, at, through);
  return {
    repo: replayRepo(history),
    id: issueId(issue.number),
    number: issue.number,
    title: historyTitle("issues", issue.number),
    body: issue.body,
    author: replayPerson(issue.author),
    association: issue.association as IssueSnapshot["association"],
    labels: [],
    assignees,
    milestone: milestoneSnapshot(history, milestone),
    state: closed ? "closed" : "open",
    stateReason: stateReason(closed, reopened),
    ...lockOf(locked),
    comments: issue.comments.filter((c) => c.createdAt <= at).length,
    createdAt: issue.createdAt,
    updatedAt: at,
    closedAt: closed?.at ?? null,
  };
};

/** A pull request's conversation as the issues API shows it, at `at`. */
export const pullIssueSnapshot = (history: History, pr: HistoryPull, at: string): IssueSnapshot => {
  const pull = pullSnapshot(history, pr, at);
  return {
    repo: pull.repo,
    id: issueId(pr.number),
    number: pr.number,
    title: pull.title,
    body: pull.body,
    author: pull.author,
    association: pull.association,
    labels: [],
    assignees: pull.assignees,
    milestone: null,
    state: pull.state,
    stateReason: null,
    ...lockOf(stateAfter(pr.events, at).locked),
    comments: pull.comments,
    createdAt: pr.createdAt,
    updatedAt: at,
    closedAt: pull.closedAt,
    pullRequest: { mergedAt: pull.mergedAt },
  };
};

/** A pull request of the history at `at`, after its `through`th event when given. */
export const pullSnapshot = (
  history: History,
  pr: HistoryPull,
  at: string,
  through?: number,
): PullSnapshot => {
  const repo = replayRepo(history);
  const { closed, ready, assignees } = stateAfter(pr.events, at, through);
  const merged = pr.mergedAt !== null && at >= pr.mergedAt;
  const closedAt = merged ? pr.mergedAt : (closed?.at ?? null);
  const merger = pr.events.find((e) => e.type === "closed" && e.at === pr.mergedAt)?.actor;
  const commits = pr.commits.filter((c) => c.at <= at);
  return {
    repo,
    id: pullId(pr.number),
    number: pr.number,
    title: historyTitle("pulls", pr.number),
    body: "What this changes, and why.",
    author: replayPerson(pr.author),
    association: pr.association as PullSnapshot["association"],
    headRepo: repo,
    branch: `topic-${pr.number}`,
    headSha: pr.headSha,
    baseSha: (pr.number * 7877).toString(16).padStart(40, "b"),
    labels: [],
    assignees,
    requestedReviewers: [],
    milestone: null,
    draft: pr.draft && !ready,
    state: closedAt ? "closed" : "open",
    createdAt: pr.createdAt,
    updatedAt: at,
    closedAt,
    mergedAt: merged ? pr.mergedAt : null,
    mergedBy: merged && merger ? replayPerson(merger) : null,
    mergeCommitSha: merged ? pr.mergeCommitSha : null,
    comments: pr.comments.filter((c) => c.createdAt <= at).length,
    reviewComments: pr.reviews.flatMap((r) => r.comments).filter((c) => c.createdAt <= at).length,
    commits: Math.max(1, commits.length),
    additions: pr.files.reduce((sum, file) => sum + file.additions, 0),
    deletions: pr.files.reduce((sum, file) => sum + file.deletions, 0),
    changedFiles: pr.files.length,
  };
};

/** Milestone `number` of the history, as it was when created. */
export const milestoneSnapshot = (history: History, number: number | undefined): MilestoneSnapshot | null => {
  const found = history.milestones.find((m) => m.number === number);
  if (!found) return null;
  return {
    repo: replayRepo(history),
    id: found.id,
    number: found.number,
    title: found.title,
    description: `Work planned for ${found.title}`,
    creator: replayPerson(found.creator),
    openIssues: 0,
    closedIssues: 0,
    state: "open",
    createdAt: found.createdAt,
    updatedAt: found.createdAt,
    dueOn: null,
    closedAt: null,
  };
};
