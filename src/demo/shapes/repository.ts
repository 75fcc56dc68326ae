import { API_URL, nodeId, type Owner, ownerAccount, WEB_URL } from "./accounts.js";

/** A repository of the demo org. */
export type Repo = {
  owner: Owner;
  /** Set on a fork: the repository it was forked from. */
  fork?: boolean;
  name: string;
  id: number;
  private: boolean;
  defaultBranch: string;
  description: string;
  language: string;
  createdAt: string;
  topics: string[];
};

export const fullName = (repo: Repo): string => `${repo.owner.login}/${repo.name}`;
export const repoApiUrl = (repo: Repo): string => `${API_URL}/repos/${fullName(repo)}`;
export const repoWebUrl = (repo: Repo): string => `${WEB_URL}/${fullName(repo)}`;

/** The fixed moment the demo's repository snapshots describe (their `updated_at`/`pushed_at`). */
const SNAPSHOT_AT = "2026-10-01T00:00:00Z";

const urls = (repo: Repo) => {
  const api = repoApiUrl(repo);
  return {
    html_url: repoWebUrl(repo),
    description: repo.description,
    fork: repo.fork ?? false,
    url: api,
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    languages_url: `${api}/languages`,
    stargazers_url: `${api}/stargazers`,
    contributors_url: `${api}/contributors`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    merges_url: `${api}/merges`,
    archive_url: `${api}/{archive_format}{/ref}`,
    downloads_url: `${api}/downloads`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    labels_url: `${api}/labels{/name}`,
    releases_url: `${api}/releases{/id}`,
    deployments_url: `${api}/deployments`,
  };
};

const clone = (repo: Repo) => ({
  git_url: `git://github.com/${fullName(repo)}.git`,
  ssh_url: `git@github.com:${fullName(repo)}.git`,
  clone_url: `${repoWebUrl(repo)}.git`,
  svn_url: repoWebUrl(repo),
  homepage: null,
  size: 4096,
  stargazers_count: repo.private ? 0 : 128,
  watchers_count: repo.private ? 0 : 128,
  language: repo.language,
  has_issues: true,
  has_projects: true,
  has_downloads: true,
  has_wiki: false,
  has_discussions: true,
  has_pages: false,
  forks_count: repo.private ? 0 : 14,
  mirror_url: null,
  archived: false,
  disabled: false,
  open_issues_count: 9,
  license: null,
  forks: repo.private ? 0 : 14,
  open_issues: 9,
  watchers: repo.private ? 0 : 128,
  default_branch: repo.defaultBranch,
});

const identity = (repo: Repo) => ({
  id: repo.id,
  node_id: nodeId("Repository", repo.id),
  name: repo.name,
  full_name: fullName(repo),
  private: repo.private,
});

const extras = (repo: Repo) => ({
  is_template: false,
  topics: repo.topics,
  visibility: repo.private ? "private" : "public",
  web_commit_signoff_required: false,
  custom_properties: {},
});

/** The `repository` of most events, and of a PR's `head.repo`/`base.repo`. */
export const repository = (repo: Repo) => ({
  ...identity(repo),
  owner: ownerAccount(repo.owner),
  ...urls(repo),
  created_at: repo.createdAt,
  updated_at: SNAPSHOT_AT,
  pushed_at: SNAPSHOT_AT,
  ...clone(repo),
  ...extras(repo),
});

const unixSeconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/**
 * The `repository` of a push event, which GitHub still sends in its older shape: unix-second
 * `created_at`/`pushed_at`, the owner with a git name and email, `stargazers` and `master_branch`.
 */
export const pushRepository = (repo: Repo, pushedAt: string) => ({
  ...identity(repo),
  owner: { name: repo.owner.login, email: null, ...ownerAccount(repo.owner) },
  ...urls(repo),
  created_at: unixSeconds(repo.createdAt),
  updated_at: SNAPSHOT_AT,
  pushed_at: unixSeconds(pushedAt),
  ...clone(repo),
  stargazers: repo.private ? 0 : 128,
  master_branch: repo.defaultBranch,
  ...(repo.owner.kind === "Organization" ? { organization: repo.owner.login } : {}),
  ...extras(repo),
});
