import { issueToken } from "./issue-token.js";
import { json, notFound, page, rawContent, unauthenticated } from "./reply.js";
import { commitPullJson, fileJson, pullJson, repoJson } from "./rest-shapes.js";
import { asApp, type Handler, livePull, repoFor, repoName, withRepo } from "./route-kit.js";
import { APP_SLUG, commitKey, findRepo, installations } from "./state.js";

/** The routes the app reads through: its token, its repositories, config files, PRs and commits. */

export const accessToken: Handler = asApp("access token asked for", (input, [id = ""]) => {
  const installationId = Number(id);
  if (!installations(input.state).has(installationId)) {
    return { reason: `access token for unknown installation ${id}`, reply: notFound() };
  }
  return json(201, {
    token: issueToken(input.state, installationId),
    expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    permissions: { checks: "write", contents: "read", issues: "write", pull_requests: "write" },
    repository_selection: "selected",
  });
});

/** `GET /app` as GitHub answers it for an app JWT (the app's own record; its bot is `<slug>[bot]`). */
export const appItself: Handler = asApp("GET /app", (input) => {
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
});

export const installationRepos: Handler = (input) => {
  if (input.installationId === null) return unauthenticated("installation repositories without a token");
  const repos = [...input.state.repos.values()].filter(
    (repo) => repo.installationId === input.installationId,
  );
  return page(repos.map(repoJson), input.url, (items) => ({
    total_count: repos.length,
    repositories: items,
  }));
};

/** A repository's `.github/gluework.yml`, the only file the app reads, in the raw media type. */
export const contents: Handler = (input, [owner = "", name = "", path = ""]) => {
  // Probot's config plugin also looks in `<owner>/.github`, which need not exist.
  if (name === ".github" && !findRepo(input.state, owner, name)) return notFound();
  const repo = repoFor(input, owner, name);
  if ("reason" in repo) return repo;
  if (path !== ".github/gluework.yml" || repo.config === undefined) return notFound();
  return rawContent(repo.config);
};

export const repository = withRepo((_input, repo) => json(200, repoJson(repo)));

export const pullFiles = withRepo((input, repo, [number = ""]) => {
  const pull = livePull(input, repo, number);
  return pull
    ? page(
        pull.files.map((file, index) => fileJson(repoName(repo), file, index)),
        input.url,
      )
    : notFound();
});

export const pullGet = withRepo((input, repo, [number = ""]) => {
  const pull = livePull(input, repo, number);
  return pull ? json(200, pullJson(repoName(repo), pull)) : notFound();
});

export const commitPulls = withRepo((input, repo, [sha = ""]) => {
  const pulls = input.state.commitPulls.get(commitKey(repoName(repo), sha)) ?? [];
  return page(
    pulls.map((pull) => commitPullJson(repoName(repo), pull)),
    input.url,
  );
});
