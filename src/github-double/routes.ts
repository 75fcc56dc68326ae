import {
  accessToken,
  appItself,
  commitPulls,
  contents,
  installationRepos,
  pullFiles,
  pullGet,
  repository,
} from "./read-routes.js";
import { type Handler, type Route, repoPattern } from "./route-kit.js";
import { listTeamMembers, listTeams } from "./team-routes.js";
import {
  createCheckRun,
  createComment,
  createIssue,
  listCheckRuns,
  listComments,
  listIssues,
  updateCheckRun,
  updateComment,
  updateIssue,
} from "./write-routes.js";

/**
 * GitHub's GraphQL endpoint: `/graphql` for a client given the API's base URL, `/api/graphql` for
 * one reaching a GitHub Enterprise host. Its answers are a plug-in's (see `startGitHubDouble`).
 */
export const GRAPHQL_PATH = /^\/(?:api\/)?graphql$/;

const REPO_ROUTES: [method: string, rest: string, name: string, handler: Handler][] = [
  ["GET", "", "repository", repository],
  ["GET", "/contents/(.+)", "contents", contents],
  ["GET", "/pulls/(\\d+)/files", "pull-files", pullFiles],
  ["GET", "/pulls/(\\d+)", "pull", pullGet],
  ["GET", "/commits/([^/]+)/pulls", "commit-pulls", commitPulls],
  ["GET", "/commits/([^/]+)/check-runs", "list-check-runs", listCheckRuns],
  ["POST", "/check-runs", "create-check-run", createCheckRun],
  ["PATCH", "/check-runs/(\\d+)", "update-check-run", updateCheckRun],
  ["GET", "/issues/(\\d+)/comments", "list-comments", listComments],
  ["POST", "/issues/(\\d+)/comments", "create-comment", createComment],
  ["PATCH", "/issues/comments/(\\d+)", "update-comment", updateComment],
  ["GET", "/issues", "list-issues", listIssues],
  ["POST", "/issues", "create-issue", createIssue],
  ["PATCH", "/issues/(\\d+)", "update-issue", updateIssue],
];

/** Every REST route the app may call, by method and path (after the `/api/v3` prefix). */
export const ROUTES: Route[] = [
  {
    method: "POST",
    pattern: /^\/app\/installations\/(\d+)\/access_tokens$/,
    name: "access-token",
    handler: accessToken,
  },
  { method: "GET", pattern: /^\/app$/, name: "app", handler: appItself },
  {
    method: "GET",
    pattern: /^\/installation\/repositories$/,
    name: "installation-repos",
    handler: installationRepos,
  },
  { method: "GET", pattern: /^\/orgs\/([^/]+)\/teams$/, name: "org-teams", handler: listTeams },
  {
    method: "GET",
    pattern: /^\/orgs\/([^/]+)\/teams\/([^/]+)\/members$/,
    name: "team-members",
    handler: listTeamMembers,
  },
  // Under /repos/{owner}/{repo}: the two are the handler's first parameters.
  ...REPO_ROUTES.map(([method, rest, name, handler]) => ({
    method,
    pattern: repoPattern(rest),
    name,
    handler,
  })),
];
