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
import { type Route, repoPattern } from "./route-kit.js";
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
  { method: "GET", pattern: repoPattern(), name: "repository", handler: repository },
  { method: "GET", pattern: repoPattern("/contents/(.+)"), name: "contents", handler: contents },
  { method: "GET", pattern: repoPattern("/pulls/(\\d+)/files"), name: "pull-files", handler: pullFiles },
  { method: "GET", pattern: repoPattern("/pulls/(\\d+)"), name: "pull", handler: pullGet },
  {
    method: "GET",
    pattern: repoPattern("/commits/([^/]+)/pulls"),
    name: "commit-pulls",
    handler: commitPulls,
  },
  {
    method: "GET",
    pattern: repoPattern("/commits/([^/]+)/check-runs"),
    name: "list-check-runs",
    handler: listCheckRuns,
  },
  {
    method: "POST",
    pattern: repoPattern("/check-runs"),
    name: "create-check-run",
    handler: createCheckRun,
  },
  {
    method: "PATCH",
    pattern: repoPattern("/check-runs/(\\d+)"),
    name: "update-check-run",
    handler: updateCheckRun,
  },
  {
    method: "GET",
    pattern: repoPattern("/issues/(\\d+)/comments"),
    name: "list-comments",
    handler: listComments,
  },
  {
    method: "POST",
    pattern: repoPattern("/issues/(\\d+)/comments"),
    name: "create-comment",
    handler: createComment,
  },
  {
    method: "PATCH",
    pattern: repoPattern("/issues/comments/(\\d+)"),
    name: "update-comment",
    handler: updateComment,
  },
  { method: "GET", pattern: repoPattern("/issues"), name: "list-issues", handler: listIssues },
  { method: "POST", pattern: repoPattern("/issues"), name: "create-issue", handler: createIssue },
  {
    method: "PATCH",
    pattern: repoPattern("/issues/(\\d+)"),
    name: "update-issue",
    handler: updateIssue,
  },
];
