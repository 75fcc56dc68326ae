/**
 * Webhook payloads for the benchmark mix: the real `@octokit/webhooks-examples` payloads (full
 * size, as GitHub sends them), moved into a benchmark repository and given their own ids, people,
 * numbers and times, so that every delivery has source keys of its own.
 */
import type { DoubleRepo } from "../../src/github-double/state.js";
import { retarget } from "../../test/e2e/helpers/scenario.js";
import { example, examplesOf } from "../../test/helpers/examples.js";
import type { Person } from "./people.js";

type Payload = Record<string, any>;

export type BenchPull = {
  repo: DoubleRepo;
  number: number;
  author: Person;
  association: string;
  labels: string[];
  createdAt: string;
  headSha: string;
};

export type BenchIssue = {
  repo: DoubleRepo;
  number: number;
  author: Person;
  association: string;
  createdAt: string;
};

const fullName = (repo: DoubleRepo) => `${repo.owner}/${repo.name}`;

/** Every example payload, read once; each call hands out a deep copy. */
const templates = new Map<string, Payload>();
const template = (event: string, action?: string): Payload => {
  const key = `${event}.${action ?? ""}`;
  let found: Payload | undefined = templates.get(key);
  if (found === undefined) {
    found =
      action === undefined
        ? examplesOf(event).find((p) => p.ref === "refs/heads/master" && p.installation)
        : example(event, action);
    if (found === undefined) throw new Error(`no example payload for ${key}`);
    templates.set(key, found);
  }
  return structuredClone(found);
};

const moved = (event: string, action: string | undefined, repo: DoubleRepo): Payload =>
  retarget(template(event, action), repo);

const withPull = (payload: Payload, pull: BenchPull, at: string, state: Partial<Payload> = {}) => {
  const url = `https://github.com/${fullName(pull.repo)}/pull/${pull.number}`;
  payload.number = pull.number;
  Object.assign(payload.pull_request, {
    id: pull.repo.id * 100_000 + pull.number,
    number: pull.number,
    html_url: url,
    url: `https://api.github.com/repos/${fullName(pull.repo)}/pulls/${pull.number}`,
    user: pull.author,
    author_association: pull.association,
    labels: pull.labels.map((name, index) => ({ id: index + 1, name, color: "ededed", default: false })),
    created_at: pull.createdAt,
    updated_at: at,
    head: { ...payload.pull_request.head, sha: pull.headSha, ref: `topic-${pull.number}` },
    state: "open",
    merged: false,
    merged_at: null,
    closed_at: null,
    draft: false,
    ...state,
  });
  return payload;
};

export const pullOpened = (pull: BenchPull): Payload => {
  const payload = withPull(moved("pull_request", "opened", pull.repo), pull, pull.createdAt);
  payload.sender = pull.author;
  return payload;
};

export const pullLabeled = (pull: BenchPull, by: Person, label: string, at: string): Payload => {
  const payload = withPull(moved("pull_request", "labeled", pull.repo), pull, at);
  payload.label = { ...payload.label, name: label };
  payload.sender = by;
  return payload;
};

export const pullSynchronized = (pull: BenchPull, before: string, at: string): Payload => {
  const payload = withPull(moved("pull_request", "synchronize", pull.repo), pull, at);
  payload.before = before;
  payload.after = pull.headSha;
  payload.sender = pull.author;
  return payload;
};

export const pullClosed = (pull: BenchPull, by: Person, at: string, merged: boolean): Payload => {
  const payload = withPull(moved("pull_request", "closed", pull.repo), pull, at, {
    state: "closed",
    closed_at: at,
    merged,
    merged_at: merged ? at : null,
  });
  payload.sender = by;
  return payload;
};

export const review = (
  pull: BenchPull,
  by: Person,
  id: number,
  state: "approved" | "commented" | "changes_requested",
  body: string,
  at: string,
): Payload => {
  const payload = withPull(moved("pull_request_review", "submitted", pull.repo), pull, at);
  payload.review = {
    ...payload.review,
    id,
    node_id: `PRR_${id}`,
    user: by,
    state,
    body,
    submitted_at: at,
    commit_id: pull.headSha,
    html_url: `https://github.com/${fullName(pull.repo)}/pull/${pull.number}#pullrequestreview-${id}`,
  };
  payload.sender = by;
  return payload;
};

export const reviewComment = (pull: BenchPull, by: Person, id: number, reviewId: number, at: string) => {
  const payload = withPull(moved("pull_request_review_comment", "created", pull.repo), pull, at);
  payload.comment = {
    ...payload.comment,
    id,
    node_id: `PRRC_${id}`,
    pull_request_review_id: reviewId,
    user: by,
    author_association: "MEMBER",
    body: "Could this be a constant?",
    created_at: at,
    updated_at: at,
    commit_id: pull.headSha,
    html_url: `https://github.com/${fullName(pull.repo)}/pull/${pull.number}#discussion_r${id}`,
  };
  payload.sender = by;
  return payload;
};

const withIssue = (payload: Payload, issue: BenchIssue, at: string, isPull: boolean) => {
  const kind = isPull ? "pull" : "issues";
  Object.assign(payload.issue, {
    id: issue.repo.id * 100_000 + issue.number,
    number: issue.number,
    html_url: `https://github.com/${fullName(issue.repo)}/${kind}/${issue.number}`,
    url: `https://api.github.com/repos/${fullName(issue.repo)}/issues/${issue.number}`,
    user: issue.author,
    author_association: issue.association,
    labels: [],
    created_at: issue.createdAt,
    updated_at: at,
    closed_at: null,
    state: "open",
    state_reason: null,
    body: "It fails when the queue is empty.",
  });
  if (isPull) {
    payload.issue.pull_request = {
      url: `https://api.github.com/repos/${fullName(issue.repo)}/pulls/${issue.number}`,
    };
  } else delete payload.issue.pull_request;
  return payload;
};

export const comment = (issue: BenchIssue, by: Person, id: number, at: string, isPull: boolean) => {
  const payload = withIssue(moved("issue_comment", "created", issue.repo), issue, at, isPull);
  payload.comment = {
    ...payload.comment,
    id,
    node_id: `IC_${id}`,
    user: by,
    author_association: "MEMBER",
    body: "Here is how to run it locally.",
    created_at: at,
    updated_at: at,
    html_url: `${payload.issue.html_url}#issuecomment-${id}`,
  };
  payload.sender = by;
  return payload;
};

export const issueOpened = (issue: BenchIssue): Payload => {
  const payload = withIssue(moved("issues", "opened", issue.repo), issue, issue.createdAt, false);
  payload.sender = issue.author;
  return payload;
};

export const issueTriaged = (
  issue: BenchIssue,
  by: Person,
  action: "labeled" | "assigned" | "closed",
  at: string,
  label?: string,
): Payload => {
  const payload = withIssue(
    moved("issues", action === "closed" ? "reopened" : action, issue.repo),
    issue,
    at,
    false,
  );
  payload.action = action;
  if (label) payload.label = { id: 1, name: label, color: "ededed", default: false };
  if (action === "assigned") payload.assignee = by;
  if (action === "closed") Object.assign(payload.issue, { state: "closed", closed_at: at });
  payload.sender = by;
  return payload;
};

export type PushedCommit = { sha: string; message: string; files: string[]; at: string };

export const push = (repo: DoubleRepo, by: Person, branch: string, commits: PushedCommit[]): Payload => {
  const payload = moved("push", undefined, repo);
  const [first] = payload.commits;
  payload.ref = `refs/heads/${branch}`;
  payload.before = `${"0".repeat(39)}1`;
  payload.after = commits.at(-1)?.sha ?? payload.after;
  payload.commits = commits.map((commit) => ({
    ...first,
    id: commit.sha,
    tree_id: commit.sha,
    message: commit.message,
    timestamp: commit.at,
    url: `https://github.com/${fullName(repo)}/commit/${commit.sha}`,
    author: { name: by.login, email: `${by.login}@example.com`, username: by.login },
    committer: { name: by.login, email: `${by.login}@example.com`, username: by.login },
    added: [],
    modified: commit.files,
    removed: [],
  }));
  payload.head_commit = payload.commits.at(-1) ?? null;
  payload.pusher = { name: by.login, email: `${by.login}@example.com` };
  payload.sender = by;
  return payload;
};

/** The default branch of the example repository the payloads come from. */
export const defaultBranch = (): string => template("push").repository.default_branch as string;
