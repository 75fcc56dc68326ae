import { type Association, nodeId, ownerAccount, type Person, user } from "./accounts.js";
import type { MilestoneSnapshot } from "./issue.js";
import { milestone, reactions } from "./issue.js";
import { type LabelName, label } from "./labels.js";
import { type Repo, repoApiUrl, repository, repoWebUrl } from "./repository.js";

/** A pull request at one moment. */
export type PullSnapshot = {
  repo: Repo;
  id: number;
  number: number;
  title: string;
  body: string;
  author: Person;
  association: Association;
  /** The repository the head branch lives in: the base repository, or the author's fork. */
  headRepo: Repo;
  branch: string;
  headSha: string;
  baseSha: string;
  labels: LabelName[];
  assignees: Person[];
  requestedReviewers: Person[];
  milestone: MilestoneSnapshot | null;
  draft: boolean;
  state: "open" | "closed";
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  mergedBy: Person | null;
  mergeCommitSha: string | null;
  comments: number;
  reviewComments: number;
  commits: number;
  additions: number;
  deletions: number;
  changedFiles: number;
};

const urls = (p: PullSnapshot) => {
  const api = `${repoApiUrl(p.repo)}/pulls/${p.number}`;
  const web = `${repoWebUrl(p.repo)}/pull/${p.number}`;
  const issueApi = `${repoApiUrl(p.repo)}/issues/${p.number}`;
  return { api, web, issueApi, statuses: `${repoApiUrl(p.repo)}/statuses/${p.headSha}` };
};

const links = (p: PullSnapshot) => {
  const u = urls(p);
  return {
    self: { href: u.api },
    html: { href: u.web },
    issue: { href: u.issueApi },
    comments: { href: `${u.issueApi}/comments` },
    review_comments: { href: `${u.api}/comments` },
    review_comment: { href: `${repoApiUrl(p.repo)}/pulls/comments{/number}` },
    commits: { href: `${u.api}/commits` },
    statuses: { href: u.statuses },
  };
};

const branchRef = (repo: Repo, ref: string, sha: string) => ({
  label: `${repo.owner.login}:${ref}`,
  ref,
  sha,
  user: ownerAccount(repo.owner),
  repo: {
    ...repository(repo),
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_rebase_merge: true,
    delete_branch_on_merge: true,
  },
});

/** The pull request as review and review-comment events carry it. */
export const pullRequestSummary = (p: PullSnapshot) => {
  const u = urls(p);
  const [assignee] = p.assignees;
  return {
    url: u.api,
    id: p.id,
    node_id: nodeId("PullRequest", p.id),
    html_url: u.web,
    diff_url: `${u.web}.diff`,
    patch_url: `${u.web}.patch`,
    issue_url: u.issueApi,
    number: p.number,
    state: p.state,
    locked: false,
    title: p.title,
    user: user(p.author),
    body: p.body,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    closed_at: p.closedAt,
    merged_at: p.mergedAt,
    merge_commit_sha: p.mergeCommitSha,
    assignee: assignee ? user(assignee) : null,
    assignees: p.assignees.map(user),
    requested_reviewers: p.requestedReviewers.map(user),
    requested_teams: [],
    labels: p.labels.map((name) => label(p.repo, name)),
    milestone: p.milestone ? milestone(p.milestone) : null,
    draft: p.draft,
    commits_url: `${u.api}/commits`,
    review_comments_url: `${u.api}/comments`,
    review_comment_url: `${repoApiUrl(p.repo)}/pulls/comments{/number}`,
    comments_url: `${u.issueApi}/comments`,
    statuses_url: u.statuses,
    head: branchRef(p.headRepo, p.branch, p.headSha),
    base: branchRef(p.repo, p.repo.defaultBranch, p.baseSha),
    _links: links(p),
    author_association: p.association,
    auto_merge: null,
    active_lock_reason: null,
  };
};

/** The pull request as `pull_request` events carry it: the summary plus merge state and sizes. */
export const pullRequest = (p: PullSnapshot) => ({
  ...pullRequestSummary(p),
  merged: p.mergedAt !== null,
  mergeable: p.state === "open" ? true : null,
  rebaseable: p.state === "open" ? true : null,
  mergeable_state: p.state === "open" ? "clean" : "unknown",
  merged_by: p.mergedBy ? user(p.mergedBy) : null,
  comments: p.comments,
  review_comments: p.reviewComments,
  maintainer_can_modify: p.headRepo.id !== p.repo.id,
  commits: p.commits,
  additions: p.additions,
  deletions: p.deletions,
  changed_files: p.changedFiles,
});

/** A submitted review. */
export const review = (
  p: PullSnapshot,
  r: { id: number; author: Person; association: Association; state: string; body: string | null; at: string },
) => {
  const html = `${repoWebUrl(p.repo)}/pull/${p.number}#pullrequestreview-${r.id}`;
  const pullUrl = `${repoApiUrl(p.repo)}/pulls/${p.number}`;
  return {
    id: r.id,
    node_id: nodeId("PullRequestReview", r.id),
    user: user(r.author),
    body: r.body,
    commit_id: p.headSha,
    submitted_at: r.at,
    state: r.state,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: r.association,
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
  };
};

/** An inline comment on a line of the diff. */
export const reviewComment = (
  p: PullSnapshot,
  c: {
    id: number;
    reviewId: number;
    author: Person;
    association: Association;
    path: string;
    line: number;
    body: string;
    at: string;
  },
) => {
  const url = `${repoApiUrl(p.repo)}/pulls/comments/${c.id}`;
  const html = `${repoWebUrl(p.repo)}/pull/${p.number}#discussion_r${c.id}`;
  const pullUrl = `${repoApiUrl(p.repo)}/pulls/${p.number}`;
  return {
    url,
    pull_request_review_id: c.reviewId,
    id: c.id,
    node_id: nodeId("PullRequestReviewComment", c.id),
    diff_hunk: `@@ -${c.line - 3},6 +${c.line - 3},7 @@`,
    path: c.path,
    position: 4,
    original_position: 4,
    commit_id: p.headSha,
    original_commit_id: p.headSha,
    user: user(c.author),
    body: c.body,
    created_at: c.at,
    updated_at: c.at,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: c.association,
    _links: { self: { href: url }, html: { href: html }, pull_request: { href: pullUrl } },
    reactions: reactions(url),
    start_line: null,
    original_start_line: null,
    start_side: null,
    line: c.line,
    original_line: c.line,
    side: "RIGHT",
    subject_type: "line",
  };
};
