import { randomBytes } from "node:crypto";
import { graphqlEndpoint } from "./github-graphql.js";
import { historyGraphql, historyRest } from "./github-history.js";
import { listHookDeliveries, redeliverHook } from "./github-hooks.js";
import {
  type Handler,
  isUnexpected,
  json,
  livePull,
  notFound,
  page,
  type Reply,
  repoFor,
  repoName,
  type Unexpected,
  withRepo,
} from "./github-route-kit.js";
import { APP_SLUG, fileJson, findRepo, installations, pullJson, repoJson } from "./github-state.js";
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
} from "./github-write-routes.js";

export { isUnexpected, type Reply, type Unexpected };

const accessToken: Handler = (input, [id = ""]) => {
  if (input.appJwt !== input.appId) {
    return {
      reason: "access token asked for without a valid app JWT",
      reply: json(401, { message: "A JSON web token could not be decoded" }),
    };
  }
  const installationId = Number(id);
  if (!installations(input.state).has(installationId)) {
    return { reason: `access token for unknown installation ${id}`, reply: notFound() };
  }
  const token = `ghs_${randomBytes(18).toString("hex")}`;
  input.state.tokens.set(token, installationId);
  return json(201, {
    token,
    expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    permissions: { checks: "write", contents: "read", issues: "write", pull_requests: "write" },
    repository_selection: "selected",
  });
};

/** `GET /app` as GitHub answers it for an app JWT (the app's own record; its bot is `<slug>[bot]`). */
const appItself: Handler = (input) => {
  if (input.appJwt !== input.appId) {
    return {
      reason: "GET /app without a valid app JWT",
      reply: json(401, { message: "A JSON web token could not be decoded" }),
    };
  }
  const owner = { login: "gluework-e2e", id: 1, node_id: "O_1", type: "Organization", site_admin: false };
  return json(200, {
    id: input.appId,
    slug: APP_SLUG,
    node_id: `A_${input.appId}`,
    client_id: `Iv1.${input.appId}`,
    owner,
    name: "Gluework e2e",
    description: "",
    external_url: "https://example.test",
    html_url: `https://github.com/apps/${APP_SLUG}`,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    permissions: {
      checks: "write",
      contents: "read",
      issues: "write",
      metadata: "read",
      pull_requests: "write",
    },
    events: ["pull_request", "issues", "repository"],
    installations_count: 1,
  });
};

const installationRepos: Handler = (input) => {
  if (input.installationId === null) {
    return {
      reason: "installation repositories without a token",
      reply: json(401, { message: "Requires authentication" }),
    };
  }
  const repos = [...input.state.repos.values()].filter(
    (repo) => repo.installationId === input.installationId,
  );
  return page(repos.map(repoJson), input.url, (items) => ({
    total_count: repos.length,
    repositories: items,
  }));
};

const contents: Handler = (input, [owner = "", name = "", path = ""]) => {
  // Probot's config plugin also looks in `<owner>/.github`, which need not exist.
  if (name === ".github" && !findRepo(input.state, owner, name)) return notFound();
  const repo = repoFor(input, owner, name);
  if ("reason" in repo) return repo;
  if (path !== ".github/gluework.yml" || repo.config === undefined) return notFound();
  return {
    status: 200,
    body: null,
    raw: repo.config,
    headers: { "content-type": "application/vnd.github.raw; charset=utf-8" },
  };
};

const pullFiles = withRepo((input, repo, [number = ""]) => {
  const pull = livePull(input, repo, number);
  return pull
    ? page(
        pull.files.map((file, index) => fileJson(repoName(repo), file, index)),
        input.url,
      )
    : notFound();
});

const pullGet = withRepo((input, repo, [number = ""]) => {
  const pull = livePull(input, repo, number);
  return pull ? json(200, pullJson(repoName(repo), pull)) : notFound();
});

const commitPulls = withRepo((input, repo, [sha = ""]) => {
  const pulls = input.state.commitPulls.get(`${repoName(repo).toLowerCase()}@${sha}`) ?? [];
  return page(
    pulls.map((pull) => ({
      number: pull.number,
      merged_at: pull.merged_at,
      state: pull.merged_at ? "closed" : "open",
    })),
    input.url,
  );
});

const SEGMENT = "([^/]+)";
const REPO = `/repos/${SEGMENT}/${SEGMENT}`;

/** Every route the app may call, by method and path (after the `/api/v3` prefix). */
export const ROUTES: { method: string; pattern: RegExp; name: string; handler: Handler }[] = [
  {
    method: "POST",
    pattern: /^\/app\/installations\/(\d+)\/access_tokens$/,
    name: "access-token",
    handler: accessToken,
  },
  { method: "GET", pattern: /^\/app$/, name: "app", handler: appItself },
  {
    method: "GET",
    pattern: /^\/app\/hook\/deliveries$/,
    name: "hook-deliveries",
    handler: listHookDeliveries,
  },
  {
    method: "POST",
    pattern: /^\/app\/hook\/deliveries\/(\d+)\/attempts$/,
    name: "hook-redeliver",
    handler: redeliverHook,
  },
  {
    method: "GET",
    pattern: /^\/installation\/repositories$/,
    name: "installation-repos",
    handler: installationRepos,
  },
  { method: "GET", pattern: new RegExp(`^${REPO}/contents/(.+)$`), name: "contents", handler: contents },
  {
    method: "POST",
    pattern: /^\/api\/graphql$/,
    name: "graphql",
    handler: (input, params) => {
      const history =
        input.installationId === null ? undefined : input.state.histories.get(input.installationId);
      return history ? historyGraphql(input, history) : graphqlEndpoint(input, params);
    },
  },
  { method: "GET", pattern: new RegExp(`^${REPO}$`), name: "history-repository", handler: historyRest },
  {
    method: "GET",
    pattern: new RegExp(`^${REPO}/milestones$`),
    name: "history-milestones",
    handler: historyRest,
  },
  {
    method: "GET",
    pattern: new RegExp(`^${REPO}/commits/([0-9a-f]{40})$`),
    name: "history-commit",
    handler: historyRest,
  },
  {
    method: "GET",
    pattern: new RegExp(`^${REPO}/pulls/(\\d+)/files$`),
    name: "pull-files",
    handler: pullFiles,
  },
  { method: "GET", pattern: new RegExp(`^${REPO}/pulls/(\\d+)$`), name: "pull", handler: pullGet },
  {
    method: "GET",
    pattern: new RegExp(`^${REPO}/commits/${SEGMENT}/pulls$`),
    name: "commit-pulls",
    handler: commitPulls,
  },
  {
    method: "GET",
    pattern: new RegExp(`^${REPO}/commits/${SEGMENT}/check-runs$`),
    name: "list-check-runs",
    handler: listCheckRuns,
  },
  {
    method: "POST",
    pattern: new RegExp(`^${REPO}/check-runs$`),
    name: "create-check-run",
    handler: createCheckRun,
  },
  {
    method: "PATCH",
    pattern: new RegExp(`^${REPO}/check-runs/(\\d+)$`),
    name: "update-check-run",
    handler: updateCheckRun,
  },
  {
    method: "GET",
    pattern: new RegExp(`^${REPO}/issues/(\\d+)/comments$`),
    name: "list-comments",
    handler: listComments,
  },
  {
    method: "POST",
    pattern: new RegExp(`^${REPO}/issues/(\\d+)/comments$`),
    name: "create-comment",
    handler: createComment,
  },
  {
    method: "PATCH",
    pattern: new RegExp(`^${REPO}/issues/comments/(\\d+)$`),
    name: "update-comment",
    handler: updateComment,
  },
  { method: "GET", pattern: new RegExp(`^${REPO}/issues$`), name: "list-issues", handler: listIssues },
  { method: "POST", pattern: new RegExp(`^${REPO}/issues$`), name: "create-issue", handler: createIssue },
  {
    method: "PATCH",
    pattern: new RegExp(`^${REPO}/issues/(\\d+)$`),
    name: "update-issue",
    handler: updateIssue,
  },
];
