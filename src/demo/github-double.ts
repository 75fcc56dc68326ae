import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { DemoApi, DemoFile } from "./demo-month.js";
import { listPage } from "./list-page.js";
import { teamListing, teamMember } from "./shapes/team.js";

export type RecordedRequest = { method: string; path: string };

export type GitHubDouble = {
  /** The API base URL to give Octokit, e.g. `http://127.0.0.1:51234`. */
  url: string;
  /** Every request served, in order. */
  requests: RecordedRequest[];
  /** Requests the double has no answer for (answered 404): a sign the app asked for something new. */
  unexpected: RecordedRequest[];
  stop: () => Promise<void>;
};

type Reply = { status: number; body: unknown; headers?: Record<string, string>; raw?: boolean };

const notFound = (): Reply => ({
  status: 404,
  body: { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" },
});

/** An installation token that never needs refreshing during a demo. */
const accessToken = (): Reply => ({
  status: 201,
  body: {
    token: "ghs_demo0000000000000000000000000000000000",
    expires_at: "2099-01-01T00:00:00Z",
    permissions: { contents: "read", issues: "write", pull_requests: "write", checks: "write" },
    repository_selection: "all",
  },
});

const fileEntry = (owner: string, repo: string, file: DemoFile, index: number) => {
  const sha = index.toString(16).padStart(40, "0");
  const raw = `https://github.com/${owner}/${repo}/raw/${sha}/${file.filename}`;
  return {
    sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: raw.replace("/raw/", "/blob/"),
    raw_url: raw,
    contents_url: `https://api.github.com/repos/${owner}/${repo}/contents/${file.filename}?ref=${sha}`,
    patch: "",
  };
};

/** One page of a list, with the `Link` header GitHub sends when more pages follow. */
const page = <T>(items: T[], url: URL): Reply => {
  const { items: shown, link } = listPage(items, url);
  return { status: 200, body: shown, ...(link ? { headers: { link } } : {}) };
};

/** Routes a request to the answer the demo's data gives, or `null` when it has none. */
const route = (api: DemoApi, method: string, url: URL): Reply | null => {
  // Probot reaches a GitHub Enterprise host (GHE_HOST) under /api/v3.
  const path = decodeURIComponent(url.pathname).replace(/^\/api\/v3(?=\/)/, "");
  if (method === "POST" && /^\/app\/installations\/\d+\/access_tokens$/.test(path)) return accessToken();
  if (method !== "GET") return null;
  const { org } = api;
  if (/^\/repos\/[^/]+\/[^/]+\/contents\/\.github\/gluework\.yml$/.test(path)) {
    // Only the organisation's `.github` repository has a file: the org-wide settings.
    return org &&
      path.toLowerCase() === `/repos/${org.owner.login}/.github/contents/.github/gluework.yml`.toLowerCase()
      ? { status: 200, body: org.config, raw: true }
      : notFound();
  }
  if (org && path === `/orgs/${org.owner.login}/teams`)
    return page(
      org.teams.map((team) => teamListing(org.owner, team, org.teams)),
      url,
    );
  const members = org && path.match(new RegExp(`^/orgs/${org.owner.login}/teams/([^/]+)/members$`));
  if (org && members) {
    const team = org.teams.find((candidate) => candidate.slug === members[1]);
    if (!team) return null;
    // GitHub lists a team's nested teams' members too, marked inherited.
    const nested = org.teams
      .filter((candidate) => candidate.parent === team.id)
      .flatMap((child) => child.members);
    return page(
      [
        ...team.members.map((person) => teamMember(person, false)),
        ...nested
          .filter((person) => !team.members.includes(person))
          .map((person) => teamMember(person, true)),
      ],
      url,
    );
  }
  if (path === "/installation/repositories" && api.repositories) {
    const repositories = api.repositories;
    return {
      status: 200,
      body: { total_count: repositories.length, repository_selection: "all", repositories },
    };
  }
  // The demo's repositories have no issues of Gluework's yet: a report is created, not edited.
  if (/^\/repos\/[^/]+\/[^/]+\/issues$/.test(path)) return page([], url);
  const files = path.match(/^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/files$/);
  if (files) {
    const [, owner = "", repo = "", number = ""] = files;
    const list = api.pullFiles[`${owner}/${repo}#${number}`];
    return list
      ? page(
          list.map((file, index) => fileEntry(owner, repo, file, index)),
          url,
        )
      : null;
  }
  const pulls = path.match(/^\/repos\/([^/]+)\/([^/]+)\/commits\/([0-9a-f]{7,40})\/pulls$/);
  if (pulls) {
    const [, owner = "", repo = "", sha = ""] = pulls;
    const list = api.commitPulls[`${owner}/${repo}@${sha}`];
    return list
      ? page(
          list.map((pull) => ({
            number: pull.number,
            state: pull.merged_at ? "closed" : "open",
            merged_at: pull.merged_at,
            url: `https://api.github.com/repos/${owner}/${repo}/pulls/${pull.number}`,
            html_url: `https://github.com/${owner}/${repo}/pull/${pull.number}`,
          })),
          url,
        )
      : null;
  }
  return null;
};

const send = (response: ServerResponse, reply: Reply): void => {
  response.writeHead(reply.status, {
    "content-type": reply.raw
      ? "application/vnd.github.v3.raw; charset=utf-8"
      : "application/json; charset=utf-8",
    "x-github-media-type": reply.raw ? "github.v3; param=raw" : "github.v3; format=json",
    ...reply.headers,
  });
  response.end(reply.raw ? String(reply.body) : JSON.stringify(reply.body));
};

/** Reads and discards a request body, so keep-alive connections stay usable. */
const drain = (request: IncomingMessage): Promise<void> =>
  new Promise((resolve, reject) => {
    request.on("data", () => {});
    request.on("end", resolve);
    request.on("error", reject);
  });

/**
 * A local stand-in for the GitHub REST API, serving what the demo month needs: installation
 * tokens, the organisation's config file (no repository has its own), its teams and their
 * members, PR file lists, the PRs of a commit, the installation's repositories and their (empty)
 * issue lists. Listens on loopback only.
 */
export const startGitHubDouble = async (api: DemoApi): Promise<GitHubDouble> => {
  const requests: RecordedRequest[] = [];
  const unexpected: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    const method = request.method ?? "GET";
    const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "127.0.0.1"}`);
    const seen = { method, path: `${url.pathname}${url.search}` };
    requests.push(seen);
    drain(request)
      .then(() => {
        const reply = route(api, method, url);
        if (!reply) unexpected.push(seen);
        send(response, reply ?? notFound());
      })
      .catch(() => response.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    unexpected,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
};
