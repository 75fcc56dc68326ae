import nock from "nock";
import { userJson } from "../../src/github-double/rest-shapes.js";
import { openApiAnswerProblems } from "./openapi.js";
import { API } from "./probot.js";

/**
 * Items as GitHub's REST API answers them, complete enough for GitHub's OpenAPI description:
 * the app itself, users, issue comments, issues and check runs, each with the author or app that
 * made it — what tells Gluework's own items from lookalikes.
 */

/** The app the test Probot acts as (`GET /app`): slug `gluework`, so its bot is `gluework[bot]`. */
export const TEST_APP = { id: 4242, slug: "gluework" } as const;
export const TEST_BOT = `${TEST_APP.slug}[bot]`;

export { userJson };

const stamp = "2026-10-01T00:00:00Z";

/** The app's bot account, as it authors comments and issues. */
export const botUserJson = () => userJson(TEST_BOT, 9_000_001, "Bot");

export const appJson = (app: { id: number; slug: string } = TEST_APP) => ({
  id: app.id,
  slug: app.slug,
  node_id: `A_${app.id}`,
  owner: userJson("acme", 1, "User"),
  name: app.slug,
  description: "A test app",
  external_url: `https://example.org/${app.slug}`,
  html_url: `https://github.com/apps/${app.slug}`,
  created_at: stamp,
  updated_at: stamp,
  permissions: { checks: "write", issues: "write", pull_requests: "write", contents: "read" },
  events: ["pull_request"],
});

/** `GET /app` answers the test app, checked against GitHub's description of that answer. */
export const mockApp = (app: { id: number; slug: string } = TEST_APP): nock.Scope => {
  const body = appJson(app);
  const problems = openApiAnswerProblems("GET /app", 200, body);
  if (problems.length > 0) throw new Error(`GET /app answer GitHub would not give: ${problems.join("; ")}`);
  return nock(API).get("/app").reply(200, body);
};

export const issueCommentJson = (
  repo: string,
  issueNumber: number,
  comment: { id: number; body: string; user: ReturnType<typeof userJson> },
) => ({
  id: comment.id,
  node_id: `IC_${comment.id}`,
  url: `${API}/repos/${repo}/issues/comments/${comment.id}`,
  html_url: `https://github.com/${repo}/issues/${issueNumber}#issuecomment-${comment.id}`,
  issue_url: `${API}/repos/${repo}/issues/${issueNumber}`,
  body: comment.body,
  user: comment.user,
  author_association: comment.user.type === "Bot" ? "NONE" : "MEMBER",
  created_at: stamp,
  updated_at: stamp,
});

/** Label `name` of `repo` (`owner/name`), with id `id`, as issues, PRs and `labeled` events carry it. */
export const labelJson = (repo: string, name: string, id: number) => ({
  id,
  node_id: `L_${id}`,
  url: `${API}/repos/${repo}/labels/${encodeURIComponent(name)}`,
  name,
  color: "ededed",
  default: false,
  description: null,
});

export const issueJson = (
  repo: string,
  issue: { number: number; title: string; body: string; user: ReturnType<typeof userJson>; labels: string[] },
) => {
  const url = `${API}/repos/${repo}/issues/${issue.number}`;
  return {
    id: 7_000_000 + issue.number,
    node_id: `I_${issue.number}`,
    url,
    repository_url: `${API}/repos/${repo}`,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `https://github.com/${repo}/issues/${issue.number}`,
    number: issue.number,
    state: "open",
    title: issue.title,
    body: issue.body,
    user: issue.user,
    labels: issue.labels.map((name, index) => labelJson(repo, name, index + 1)),
    assignee: null,
    milestone: null,
    locked: false,
    comments: 0,
    closed_at: null,
    created_at: stamp,
    updated_at: stamp,
    author_association: "MEMBER",
  };
};

export const checkRunJson = (
  repo: string,
  run: { id: number; headSha: string; name: string; externalId: string; app: { id: number; slug: string } },
) => ({
  id: run.id,
  node_id: `CR_${run.id}`,
  head_sha: run.headSha,
  name: run.name,
  url: `${API}/repos/${repo}/check-runs/${run.id}`,
  html_url: `https://github.com/${repo}/runs/${run.id}`,
  details_url: null,
  status: "completed",
  conclusion: "neutral",
  started_at: stamp,
  completed_at: stamp,
  external_id: run.externalId,
  check_suite: { id: run.id + 1 },
  output: { title: "t", summary: "s", text: null, annotations_count: 0, annotations_url: `${API}/x` },
  app: appJson(run.app),
  pull_requests: [],
});
