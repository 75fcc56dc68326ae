import type { HistoryBackend } from "./github-history.js";
import { createHookLog, type HookLog } from "./github-hooks.js";

/**
 * What the GitHub double knows and keeps: installations and their repositories, pull requests
 * with their files, and everything the app wrote (check runs, comments, issues). Plain data,
 * so tests can assert on it the way a person would look at GitHub.
 */

export type DoubleRepo = {
  id: number;
  owner: string;
  name: string;
  private: boolean;
  installationId: number;
  /** The raw `.github/gluework.yml`; unset means the file does not exist (404). */
  config?: string;
};

export type DoubleFile = { filename: string; additions: number; deletions: number; status?: string };

export type DoublePull = {
  number: number;
  headSha: string;
  author: string;
  merged: boolean;
  files: DoubleFile[];
  /** A deleted PR (or one the app can no longer see): every read and write about it is a 404. */
  deleted?: boolean;
};

export type CheckRun = {
  id: number;
  repo: string;
  name: string;
  head_sha: string;
  external_id: string | null;
  status: string;
  conclusion: string | null;
  output: { title?: string; summary?: string } | null;
  /** The app that made it (GitHub sets it from the token that created the run). */
  app: { id: number; slug: string };
  installationId: number;
};

/** The slug of the app under test, as `GET /app` gives it: its comments are by `gluework[bot]`. */
export const APP_SLUG = "gluework";

/** The author of a comment or issue, as GitHub names it. */
export type Author = { login: string; id: number; type: "Bot" | "User" };

/** The app's bot account: what GitHub records as the author of everything the app writes. */
export const appBot: Author = { login: `${APP_SLUG}[bot]`, id: 9_000_001, type: "Bot" };

export type IssueComment = {
  id: number;
  repo: string;
  issue_number: number;
  body: string;
  user: Author;
  installationId: number;
};

export type Issue = {
  number: number;
  repo: string;
  title: string;
  body: string;
  labels: string[];
  state: "open" | "closed";
  user: Author;
  installationId: number;
};

export type GitHubState = {
  repos: Map<string, DoubleRepo>;
  pulls: Map<string, DoublePull>;
  /** `owner/name@sha` → PRs that contain the commit. */
  commitPulls: Map<string, { number: number; merged_at: string | null }[]>;
  checkRuns: CheckRun[];
  comments: IssueComment[];
  issues: Issue[];
  /** Installation tokens handed out: token → installation id. */
  tokens: Map<string, number>;
  nextId: number;
  /** Webhook deliveries sent to the app, and GitHub's log of them. */
  hooks: HookLog;
  /** Installations whose history backfill reads, by installation id. */
  histories: Map<number, HistoryBackend>;
  /** An organisation's teams (lowercased login → teams); an organisation not listed has none. */
  teams: Map<string, DoubleTeam[]>;
};

/** A team of an organisation, and its direct members. */
export type DoubleTeam = {
  id: number;
  slug: string;
  privacy: "closed" | "secret";
  parent?: number;
  members: { login: string; id: number }[];
};

export const createState = (): GitHubState => ({
  repos: new Map(),
  pulls: new Map(),
  commitPulls: new Map(),
  checkRuns: [],
  comments: [],
  issues: [],
  tokens: new Map(),
  nextId: 10_000,
  hooks: createHookLog(),
  histories: new Map(),
  teams: new Map(),
});

export const fullName = (repo: Pick<DoubleRepo, "owner" | "name">) => `${repo.owner}/${repo.name}`;

export const pullKey = (repo: string, number: number) => `${repo.toLowerCase()}#${number}`;

export const findRepo = (state: GitHubState, owner: string, name: string): DoubleRepo | undefined =>
  state.repos.get(`${owner}/${name}`.toLowerCase());

/** The installation ids that have at least one repository. */
export const installations = (state: GitHubState): Set<number> =>
  new Set([...state.repos.values()].map((repo) => repo.installationId));

/** A repository as the REST API lists it. */
export const repoJson = (repo: DoubleRepo) => ({
  id: repo.id,
  node_id: `R_${repo.id}`,
  name: repo.name,
  full_name: fullName(repo),
  private: repo.private,
  visibility: repo.private ? "private" : "public",
  owner: { login: repo.owner, id: repo.installationId * 10, type: "Organization" },
  html_url: `https://github.com/${fullName(repo)}`,
  default_branch: "main",
});

export const fileJson = (repo: string, file: DoubleFile, index: number) => {
  const sha = (index + 1).toString(16).padStart(40, "0");
  return {
    sha,
    filename: file.filename,
    status: file.status ?? "modified",
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `https://github.com/${repo}/blob/${sha}/${file.filename}`,
    raw_url: `https://github.com/${repo}/raw/${sha}/${file.filename}`,
    contents_url: `https://api.github.com/repos/${repo}/contents/${file.filename}?ref=${sha}`,
    patch: "",
  };
};

export const pullJson = (repo: string, pull: DoublePull) => ({
  id: 5_000_000 + pull.number,
  number: pull.number,
  state: pull.merged ? "closed" : "open",
  title: `PR ${pull.number}`,
  user: { login: pull.author, id: 1, type: "User" },
  head: { sha: pull.headSha, ref: `topic-${pull.number}` },
  base: { ref: "main" },
  merged: pull.merged,
  merged_at: pull.merged ? "2019-05-19T12:00:00Z" : null,
  html_url: `https://github.com/${repo}/pull/${pull.number}`,
  url: `https://api.github.com/repos/${repo}/pulls/${pull.number}`,
});

export const checkRunJson = (run: CheckRun) => ({
  id: run.id,
  name: run.name,
  head_sha: run.head_sha,
  external_id: run.external_id,
  status: run.status,
  conclusion: run.conclusion,
  output: { title: run.output?.title ?? null, summary: run.output?.summary ?? null },
  app: run.app,
  html_url: `https://github.com/${run.repo}/runs/${run.id}`,
});

export const commentJson = (comment: IssueComment) => ({
  id: comment.id,
  body: comment.body,
  user: comment.user,
  html_url: `https://github.com/${comment.repo}/issues/${comment.issue_number}#issuecomment-${comment.id}`,
  created_at: "2019-05-20T00:00:00Z",
});

export const issueJson = (issue: Issue) => ({
  id: 7_000_000 + issue.number,
  number: issue.number,
  title: issue.title,
  body: issue.body,
  state: issue.state,
  user: issue.user,
  labels: issue.labels.map((name) => ({ name })),
  html_url: `https://github.com/${issue.repo}/issues/${issue.number}`,
});
