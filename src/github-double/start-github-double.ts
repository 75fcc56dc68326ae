import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { appIdOfJwt } from "./app-jwt.js";
import { issueToken } from "./issue-token.js";
import { isUnexpected, notFound, type Reply } from "./reply.js";
import type { Route, RouteInput } from "./route-kit.js";
import { ROUTES } from "./routes.js";
import {
  type CheckRun,
  type CommitPull,
  commitKey,
  createState,
  type DoublePull,
  type DoubleRepo,
  type GitHubState,
  type Issue,
  type IssueComment,
  pullKey,
} from "./state.js";

export type RecordedRequest = {
  method: string;
  /** The path as the app would write it against api.github.com (no `/api/v3`), with the query. */
  path: string;
  /** The route name that answered ("fault" for an injected one), or null for no route. */
  route: string | null;
  status: number;
  /** The installation whose token the request carried. */
  installationId: number | null;
  authorization: string | null;
  body: unknown;
  /** `Date.now()` when it arrived. */
  at: number;
};

/** A request the app should never send (unknown route, foreign repository, missing auth), with why. */
export type UnexpectedRequest = { request: RecordedRequest; reason: string };

/** A request about to be answered: the route input, and the name of the route that matched. */
export type DoubleRequest = RouteInput & { route: string | null; authorization: string | null };

/** How a request was answered; `reason` marks it unexpected, `hang` leaves it unanswered. */
export type Answer = { route: string | null; reply: Reply; reason: string | null; hang?: boolean };

/**
 * A plug-in around answering: it may answer by itself (a fault, a body GitHub would reject) or
 * call `next` and change or delay what it gives (GitHub's latency).
 */
export type Layer = (request: DoubleRequest, next: () => Promise<Answer>) => Promise<Answer>;

export type GitHubDoubleOptions = {
  /** The app: JWTs must be signed with its key. Unset: any app JWT is taken as the app's. */
  app?: { id: number; publicKey: string };
  /** Routes tried before the REST routes (GraphQL, the webhook delivery log, history reads). */
  routes?: readonly Route[];
  /** Around every answer, the first outermost (faults, validation, latency). */
  layers?: readonly Layer[];
};

export type GitHubDouble = {
  /** The API base URL to give Octokit, e.g. `http://127.0.0.1:51234`. */
  url: string;
  /** `127.0.0.1:<port>` for GHE_HOST (with GHE_PROTOCOL=http). */
  host: string;
  state: GitHubState;
  /** Every request, in order. */
  requests: RecordedRequest[];
  unexpected: UnexpectedRequest[];
  addRepo: (repo: DoubleRepo) => void;
  addPull: (repo: string, pull: DoublePull) => void;
  deletePull: (repo: string, number: number) => void;
  setCommitPulls: (repo: string, sha: string, pulls: CommitPull[]) => void;
  /** An installation token, as if the app had asked for one. */
  issueToken: (installationId: number) => string;
  checkRuns: (repo?: string) => CheckRun[];
  comments: (repo?: string, issueNumber?: number) => IssueComment[];
  issues: (repo?: string) => Issue[];
  /** Successful POST/PATCH requests, optionally only those whose route name matches. */
  writes: (route?: string) => RecordedRequest[];
  stop: () => Promise<void>;
};

const readBody = (request: IncomingMessage): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      try {
        resolve(text === "" ? null : JSON.parse(text));
      } catch {
        resolve(text);
      }
    });
    request.on("error", reject);
  });

const send = (response: ServerResponse, reply: Reply): void => {
  response.writeHead(reply.status, {
    "content-type": "application/json; charset=utf-8",
    "x-github-media-type": "github.v3; format=json",
    "x-ratelimit-remaining": "4999",
    ...reply.headers,
  });
  response.end(reply.raw ?? (reply.body === undefined ? "" : JSON.stringify(reply.body)));
};

/** The route for a request, and its path parameters. */
const match = (routes: readonly Route[], method: string, path: string) => {
  for (const route of routes) {
    const found = route.method === method ? route.pattern.exec(path) : null;
    if (found) return { route, params: found.slice(1) };
  }
  return null;
};

/**
 * A local stand-in for GitHub's API, on loopback only: it hands out installation tokens to app
 * JWTs, scopes every repository request to the token's installation, serves what its state holds
 * and keeps what the app writes, and records every request (with the ones the app should never
 * send). Reached at its URL or, as Probot does for GHE_HOST, under `/api/v3`. The demo seeds its
 * state from a month of data; the test suites add routes and layers for what only they need.
 */
export const startGitHubDouble = async (options: GitHubDoubleOptions = {}): Promise<GitHubDouble> => {
  const state = createState();
  const requests: RecordedRequest[] = [];
  const unexpected: UnexpectedRequest[] = [];
  const routes = [...(options.routes ?? []), ...ROUTES];
  const tokenOf = (authorization: string | null) => {
    const token = /^token (.+)$/i.exec(authorization ?? "")?.[1];
    return token ? (state.tokens.get(token) ?? null) : null;
  };

  const answer = (method: string, url: URL, body: unknown, authorization: string | null) => {
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v3(?=\/)/, "");
    const appJwt = appIdOfJwt(authorization, options.app?.publicKey ?? null);
    const found = match(routes, method, path);
    const request: DoubleRequest = {
      state,
      method,
      path,
      url,
      body,
      installationId: tokenOf(authorization),
      appJwt,
      appId: options.app?.id ?? appJwt ?? 0,
      route: found?.route.name ?? null,
      authorization,
    };
    const dispatch = async (): Promise<Answer> => {
      if (!found) return { route: null, reply: notFound(), reason: "no such route" };
      const result = await found.route.handler(request, found.params);
      return isUnexpected(result)
        ? { route: found.route.name, reply: result.reply, reason: result.reason }
        : { route: found.route.name, reply: result, reason: null };
    };
    const layered = (options.layers ?? []).reduceRight<() => Promise<Answer>>(
      (next, layer) => () => layer(request, next),
      dispatch,
    );
    return { path, answered: layered() };
  };

  const server = createServer((request, response) => {
    const method = request.method ?? "GET";
    const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "127.0.0.1"}`);
    const authorization = request.headers.authorization ?? null;
    const at = Date.now();
    readBody(request)
      .then(async (body) => {
        const { path, answered } = answer(method, url, body, authorization);
        const { route, reply, reason, hang } = await answered;
        const recorded: RecordedRequest = {
          method,
          path: `${path}${url.search}`,
          route,
          status: reply.status,
          installationId: tokenOf(authorization),
          authorization,
          body,
          at,
        };
        requests.push(recorded);
        if (reason) unexpected.push({ request: recorded, reason });
        if (!hang) send(response, reply);
      })
      .catch(() => response.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  const key = (repo: string) => repo.toLowerCase();

  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    state,
    requests,
    unexpected,
    addRepo: (repo) => {
      state.repos.set(key(`${repo.owner}/${repo.name}`), repo);
    },
    addPull: (repo, pull) => {
      state.pulls.set(pullKey(repo, pull.number), pull);
    },
    deletePull: (repo, number) => {
      const pull = state.pulls.get(pullKey(repo, number));
      if (pull) pull.deleted = true;
      else
        state.pulls.set(pullKey(repo, number), {
          number,
          headSha: "0".repeat(40),
          author: "ghost",
          merged: false,
          files: [],
          deleted: true,
        });
    },
    setCommitPulls: (repo, sha, pulls) => {
      state.commitPulls.set(commitKey(repo, sha), pulls);
    },
    issueToken: (installationId) => issueToken(state, installationId),
    checkRuns: (repo) => state.checkRuns.filter((run) => repo === undefined || run.repo === repo),
    comments: (repo, issueNumber) =>
      state.comments.filter(
        (c) =>
          (repo === undefined || c.repo === repo) &&
          (issueNumber === undefined || c.issue_number === issueNumber),
      ),
    issues: (repo) => state.issues.filter((issue) => repo === undefined || issue.repo === repo),
    writes: (route) =>
      requests.filter(
        (r) =>
          r.method !== "GET" &&
          r.status < 300 &&
          r.route !== "access-token" &&
          (route === undefined || r.route === route),
      ),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
};
