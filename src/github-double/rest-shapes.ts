import {
  type CheckRun,
  type CommitPull,
  type DoubleFile,
  type DoublePull,
  type DoubleRepo,
  type DoubleTeam,
  fullName,
  type Issue,
  type IssueComment,
} from "./state.js";

/** The GitHub double's state as the REST API describes it: one shape per kind of thing. */

const API = "https://api.github.com";
const WEB = "https://github.com";

/** A repository as the REST API lists it. */
export const repoJson = (repo: DoubleRepo) => ({
  id: repo.id,
  node_id: `R_${repo.id}`,
  name: repo.name,
  full_name: fullName(repo),
  private: repo.private,
  visibility: repo.private ? "private" : "public",
  owner: { login: repo.owner, id: repo.installationId * 10, type: "Organization" },
  html_url: `${WEB}/${fullName(repo)}`,
  default_branch: repo.defaultBranch ?? "main",
});

/** A PR's changed file, as `GET /repos/{owner}/{repo}/pulls/{n}/files` lists it. */
export const fileJson = (repo: string, file: DoubleFile, index: number) => {
  const sha = (index + 1).toString(16).padStart(40, "0");
  return {
    sha,
    filename: file.filename,
    status: file.status ?? "modified",
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `${WEB}/${repo}/blob/${sha}/${file.filename}`,
    raw_url: `${WEB}/${repo}/raw/${sha}/${file.filename}`,
    contents_url: `${API}/repos/${repo}/contents/${file.filename}?ref=${sha}`,
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
  html_url: `${WEB}/${repo}/pull/${pull.number}`,
  url: `${API}/repos/${repo}/pulls/${pull.number}`,
});

/** A PR that contains a commit, as `GET /repos/{owner}/{repo}/commits/{sha}/pulls` lists it. */
export const commitPullJson = (repo: string, pull: CommitPull) => ({
  number: pull.number,
  state: pull.merged_at ? "closed" : "open",
  merged_at: pull.merged_at,
  url: `${API}/repos/${repo}/pulls/${pull.number}`,
  html_url: `${WEB}/${repo}/pull/${pull.number}`,
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
  html_url: `${WEB}/${run.repo}/runs/${run.id}`,
});

export const commentJson = (comment: IssueComment) => ({
  id: comment.id,
  body: comment.body,
  user: comment.user,
  html_url: `${WEB}/${comment.repo}/issues/${comment.issue_number}#issuecomment-${comment.id}`,
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
  html_url: `${WEB}/${issue.repo}/issues/${issue.number}`,
});

/** A user or bot account as GitHub's simple-user schema has it. */
export const userJson = (login: string, id: number, type: "User" | "Bot" = "User") => {
  const url = `${API}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: "",
    url,
    html_url: type === "Bot" ? `${WEB}/apps/${login.replace(/\[bot\]$/, "")}` : `${WEB}/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    site_admin: false,
  };
};

const teamSimple = (org: string, team: Pick<DoubleTeam, "id" | "slug" | "name">) => {
  const url = `${API}/organizations/1/team/${team.id}`;
  return {
    id: team.id,
    node_id: `T_${team.id}`,
    url,
    members_url: `${url}/members{/member}`,
    name: team.name ?? team.slug,
    description: null,
    permission: "pull",
    html_url: `${WEB}/orgs/${org}/teams/${team.slug}`,
    repositories_url: `${url}/repos`,
    slug: team.slug,
    type: "organization",
  };
};

/** A team as `GET /orgs/{org}/teams` lists it, its parent named among `all`. */
export const teamJson = (
  org: string,
  team: Pick<DoubleTeam, "id" | "slug" | "name" | "parent"> & { privacy?: string },
  all: readonly Pick<DoubleTeam, "id" | "slug" | "name">[],
) => {
  const parent = all.find((candidate) => candidate.id === team.parent);
  return {
    ...teamSimple(org, team),
    privacy: team.privacy ?? "closed",
    notification_setting: "notifications_enabled",
    parent: parent ? teamSimple(org, parent) : null,
  };
};

/** A team's member as `GET /orgs/{org}/teams/{team_slug}/members` lists them. */
export const teamMemberJson = (login: string, id: number, inherited: boolean) => ({
  ...userJson(login, id),
  role: "member",
  inherited,
});
