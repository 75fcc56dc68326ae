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

/** The teams of `org`, asked with a token of an installation on it (a repository it owns). */
const orgTeams = (input: Parameters<Handler>[0], org: string) => {
  if (input.installationId === null) {
    return {
      reason: "teams asked for without an installation token",
      reply: json(401, { message: "Requires authentication" }),
    };
  }
  const own = [...input.state.repos.values()].some(
    (repo) => repo.installationId === input.installationId && repo.owner.toLowerCase() === org.toLowerCase(),
  );
  if (!own)
    return {
      reason: `teams of ${org}, which installation ${input.installationId} is not on`,
      reply: notFound(),
    };
  return input.state.teams.get(org.toLowerCase()) ?? [];
};

const teamJson = (org: string, team: { id: number; slug: string }) => ({
  id: team.id,
  node_id: `T_${team.id}`,
  url: `https://api.github.com/organizations/1/team/${team.id}`,
  members_url: `https://api.github.com/organizations/1/team/${team.id}/members{/member}`,
  name: team.slug,
  description: null,
  permission: "pull",
  html_url: `https://github.com/orgs/${org}/teams/${team.slug}`,
  repositories_url: `https://api.github.com/organizations/1/team/${team.id}/repos`,
  slug: team.slug,
  type: "organization",
});

const listTeams: Handler = (input, [org = ""]) => {
  const teams = orgTeams(input, org);
  if (!Array.isArray(teams)) return teams;
  return page(
    teams.map((team) => {
      const parent = teams.find((candidate) => candidate.id === team.parent);
      return { ...teamJson(org, team), privacy: team.privacy, parent: parent ? teamJson(org, parent) : null };
    }),
    input.url,
  );
};

const listTeamMembers: Handler = (input, [org = "", slug = ""]) => {
  const teams = orgTeams(input, org);
  if (!Array.isArray(teams)) return teams;
  const team = teams.find((candidate) => candidate.slug === slug);
  if (!team) return notFound();
  return page(
    team.members.map((member) => ({
      login: member.login,
      id: member.id,
      node_id: `U_${member.id}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${member.id}`,
      gravatar_id: "",
      url: `https://api.github.com/users/${member.login}`,
      html_url: `https://github.com/${member.login}`,
      followers_url: `https://api.github.com/users/${member.login}/followers`,
      following_url: `https://api.github.com/users/${member.login}/following{/other_user}`,
      gists_url: `https://api.github.com/users/${member.login}/gists{/gist_id}`,
      starred_url: `https://api.github.com/users/${member.login}/starred{/owner}{/repo}`,
      subscriptions_url: `https://api.github.com/users/${member.login}/subscriptions`,
      organizations_url: `https://api.github.com/users/${member.login}/orgs`,
      repos_url: `https://api.github.com/users/${member.login}/repos`,
      events_url: `https://api.github.com/users/${member.login}/events{/privacy}`,
      received_events_url: `https://api.github.com/users/${member.login}/received_events`,
      type: "User",
      site_admin: false,
      role: "member",
      inherited: false,
    })),
    input.url,
  );
};

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
  { method: "GET", pattern: /^\/orgs\/([^/]+)\/teams$/, name: "org-teams", handler: listTeams },
  {
    method: "GET",
    pattern: /^\/orgs\/([^/]+)\/teams\/([^/]+)\/members$/,
    name: "team-members",
    handler: listTeamMembers,
  },
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
