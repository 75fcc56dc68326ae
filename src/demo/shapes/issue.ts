import { type Association, nodeId, type Person, user } from "./accounts.js";
import { type LabelName, label } from "./labels.js";
import { type Repo, repoApiUrl, repoWebUrl } from "./repository.js";

/** A milestone at one moment. */
export type MilestoneSnapshot = {
  repo: Repo;
  id: number;
  number: number;
  title: string;
  description: string;
  creator: Person;
  openIssues: number;
  closedIssues: number;
  state: "open" | "closed";
  createdAt: string;
  updatedAt: string;
  dueOn: string | null;
  closedAt: string | null;
};

/** An issue (or a PR seen through the issues API) at one moment. */
export type IssueSnapshot = {
  repo: Repo;
  id: number;
  number: number;
  title: string;
  body: string;
  author: Person;
  association: Association;
  labels: LabelName[];
  assignees: Person[];
  milestone: MilestoneSnapshot | null;
  state: "open" | "closed";
  stateReason: "completed" | "not_planned" | "duplicate" | "reopened" | null;
  locked: boolean;
  lockReason: "off-topic" | "too heated" | "resolved" | "spam" | null;
  comments: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Set when the issue is a pull request's conversation. */
  pullRequest?: { mergedAt: string | null };
};

export const milestone = (m: MilestoneSnapshot) => {
  const api = `${repoApiUrl(m.repo)}/milestones/${m.number}`;
  return {
    url: api,
    html_url: `${repoWebUrl(m.repo)}/milestone/${m.number}`,
    labels_url: `${api}/labels`,
    id: m.id,
    node_id: nodeId("Milestone", m.id),
    number: m.number,
    title: m.title,
    description: m.description,
    creator: user(m.creator),
    open_issues: m.openIssues,
    closed_issues: m.closedIssues,
    state: m.state,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
    due_on: m.dueOn,
    closed_at: m.closedAt,
  };
};

/** The reaction counts GitHub attaches to issues and comments. */
export const reactions = (url: string) => ({
  url: `${url}/reactions`,
  total_count: 0,
  "+1": 0,
  "-1": 0,
  laugh: 0,
  hooray: 0,
  confused: 0,
  heart: 0,
  rocket: 0,
  eyes: 0,
});

const pullRequestLink = (issue: IssueSnapshot) => {
  if (!issue.pullRequest) return {};
  const web = `${repoWebUrl(issue.repo)}/pull/${issue.number}`;
  return {
    pull_request: {
      url: `${repoApiUrl(issue.repo)}/pulls/${issue.number}`,
      html_url: web,
      diff_url: `${web}.diff`,
      patch_url: `${web}.patch`,
      merged_at: issue.pullRequest.mergedAt,
    },
  };
};

export const issue = (i: IssueSnapshot) => {
  const api = `${repoApiUrl(i.repo)}/issues/${i.number}`;
  const [assignee] = i.assignees;
  return {
    url: api,
    repository_url: repoApiUrl(i.repo),
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: `${repoWebUrl(i.repo)}/${i.pullRequest ? "pull" : "issues"}/${i.number}`,
    id: i.id,
    node_id: nodeId(i.pullRequest ? "PullRequest" : "Issue", i.id),
    number: i.number,
    title: i.title,
    user: user(i.author),
    labels: i.labels.map((name) => label(i.repo, name)),
    state: i.state,
    locked: i.locked,
    assignee: assignee ? user(assignee) : null,
    assignees: i.assignees.map(user),
    milestone: i.milestone ? milestone(i.milestone) : null,
    comments: i.comments,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    closed_at: i.closedAt,
    author_association: i.association,
    active_lock_reason: i.lockReason,
    draft: false,
    ...pullRequestLink(i),
    body: i.body,
    reactions: reactions(api),
    timeline_url: `${api}/timeline`,
    performed_via_github_app: null,
    state_reason: i.stateReason,
  };
};

/** A conversation comment on an issue or PR (`issue_comment`). */
export const issueComment = (
  i: IssueSnapshot,
  c: { id: number; author: Person; association: Association; body: string; at: string },
) => {
  const url = `${repoApiUrl(i.repo)}/issues/comments/${c.id}`;
  return {
    url,
    html_url: `${repoWebUrl(i.repo)}/${i.pullRequest ? "pull" : "issues"}/${i.number}#issuecomment-${c.id}`,
    issue_url: `${repoApiUrl(i.repo)}/issues/${i.number}`,
    id: c.id,
    node_id: nodeId("IssueComment", c.id),
    user: user(c.author),
    created_at: c.at,
    updated_at: c.at,
    author_association: c.association,
    body: c.body,
    reactions: reactions(url),
    performed_via_github_app: null,
  };
};

/** An issue's new home, as `issues.transferred` names it in `changes`. */
export const transferChanges = (moved: IssueSnapshot, newRepository: Record<string, unknown>) => ({
  new_issue: issue(moved),
  new_repository: newRepository,
});

/** An issue type of the organisation (`issues.typed`). */
export const issueType = (id: number, name: string) => ({
  id,
  node_id: nodeId("IssueType", id),
  name,
  description: `${name} work`,
});
