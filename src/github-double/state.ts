/**
 * What the GitHub double knows and keeps: installations and their repositories, pull requests
 * with their files, organisations' teams, and everything the app wrote (check runs, comments,
 * issues). Plain data, so tests can assert on it the way a person would look at GitHub, and the
 * demo can seed it from its month.
 */

export type DoubleRepo = {
  id: number;
  owner: string;
  name: string;
  private: boolean;
  installationId: number;
  /** "main" unless set. */
  defaultBranch?: string;
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

/** A PR that contains a commit, as `GET /repos/{owner}/{repo}/commits/{sha}/pulls` lists it. */
export type CommitPull = { number: number; merged_at: string | null };

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

/** A team of an organisation, and its direct members. */
export type DoubleTeam = {
  id: number;
  slug: string;
  /** The display name; the slug unless set. */
  name?: string;
  privacy: "closed" | "secret";
  parent?: number;
  members: { login: string; id: number }[];
};

export type GitHubState = {
  repos: Map<string, DoubleRepo>;
  pulls: Map<string, DoublePull>;
  /** `owner/name@sha` → PRs that contain the commit. */
  commitPulls: Map<string, CommitPull[]>;
  checkRuns: CheckRun[];
  comments: IssueComment[];
  issues: Issue[];
  /** Installation tokens handed out: token → installation id. */
  tokens: Map<string, number>;
  nextId: number;
  /** An organisation's teams (lowercased login → teams); an organisation not listed has none. */
  teams: Map<string, DoubleTeam[]>;
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
  teams: new Map(),
});

export const fullName = (repo: Pick<DoubleRepo, "owner" | "name">) => `${repo.owner}/${repo.name}`;

export const pullKey = (repo: string, number: number) => `${repo.toLowerCase()}#${number}`;

export const commitKey = (repo: string, sha: string) => `${repo.toLowerCase()}@${sha}`;

export const findRepo = (state: GitHubState, owner: string, name: string): DoubleRepo | undefined =>
  state.repos.get(`${owner}/${name}`.toLowerCase());

/** The installation ids that have at least one repository. */
export const installations = (state: GitHubState): Set<number> =>
  new Set([...state.repos.values()].map((repo) => repo.installationId));
