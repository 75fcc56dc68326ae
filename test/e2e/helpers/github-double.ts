import { verify } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { GraphqlDouble } from "../../helpers/history/graphql-double.js";
import { openApiProblems } from "../../helpers/openapi.js";
import type { Delivery, DeliveryAnswer } from "./deliver.js";
import { createHold, type HistoryHold } from "./github-history.js";
import { type HookAttempt, sendHook } from "./github-hooks.js";
import { isUnexpected, type Reply, ROUTES } from "./github-routes.js";
import {
  type CheckRun,
  createState,
  type DoublePull,
  type DoubleRepo,
  type GitHubState,
  type Issue,
  type IssueComment,
  pullKey,
} from "./github-state.js";

export type RecordedRequest = {
  method: string;
  /** The path as the app would write it against api.github.com (no `/api/v3`), with the query. */
  path: string;
  /** The route name that answered, or null for a request the double has no route for. */
  route: string | null;
  status: number;
  /** The installation whose token the request carried. */
  installationId: number | null;
  authorization: string | null;
  body: unknown;
  /** `Date.now()` when it arrived. */
  at: number;
};

/** A fault to inject: the next `times` requests matching `method` and `path` get this answer. */
export type Fault = {
  method?: string;
  path: RegExp;
  status: number;
  times: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Only requests whose JSON body matches. */
  bodyMatches?: RegExp;
  /** Never answer (the app's request timeout has to end it). */
  hang?: boolean;
  /** Do what was asked first, then answer with the fault (GitHub losing the answer to a create). */
  after?: boolean;
};

export type GitHubDouble = {
  /** `127.0.0.1:<port>` for GHE_HOST (with GHE_PROTOCOL=http). */
  host: string;
  state: GitHubState;
  /** Every request, in order. */
  requests: RecordedRequest[];
  /** Requests the app should never send (unknown route, foreign repository, missing auth), with why. */
  unexpected: { request: RecordedRequest; reason: string }[];
  addRepo: (repo: DoubleRepo) => void;
  /**
   * Serves `history` to the installation's GraphQL queries and backfill's REST reads; with
   * `holdAfter`, queries after that many are kept back until the hold is released.
   */
  serveHistory: (installationId: number, history: GraphqlDouble, holdAfter?: number) => HistoryHold | null;
  addPull: (repo: string, pull: DoublePull) => void;
  deletePull: (repo: string, number: number) => void;
  setCommitPulls: (repo: string, sha: string, pulls: { number: number; merged_at: string | null }[]) => void;
  fail: (fault: Fault) => Fault;
  checkRuns: (repo?: string) => CheckRun[];
  comments: (repo?: string, issueNumber?: number) => IssueComment[];
  issues: (repo?: string) => Issue[];
  /** Sends webhook deliveries to `url` from now on, signed with `secret`. */
  hookTo: (url: string, secret: string) => void;
  /**
   * Sends deliveries as GitHub does, logging each attempt's outcome: one at a time, or with
   * `spreadOverMs` on a schedule, one every `spreadOverMs / n` (each on its own, as GitHub sends
   * events as they happen), returning once every answer is in and `spreadOverMs` have passed.
   */
  sendHooks: (
    deliveries: readonly Delivery[],
    options?: { spreadOverMs?: number },
  ) => Promise<DeliveryAnswer[]>;
  /** GitHub's log of delivery attempts, oldest first. */
  hookAttempts: () => HookAttempt[];
  /** Waits for the redeliveries the app asked for that are still being sent. */
  redeliveriesSent: () => Promise<void>;
  /** Successful POST/PATCH requests, optionally only those whose route name matches. */
  writes: (route?: string) => RecordedRequest[];
  stop: () => Promise<void>;
};

const DEFAULT_FAULT_BODY: Record<number, unknown> = {
  403: {
    message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
  },
  429: {
    message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
  },
  404: { message: "Not Found" },
  500: { message: "Server Error" },
  502: { message: "Server Error" },
};

/** The OpenAPI operation of each write route: bodies GitHub would reject are answered 422. */
const WRITE_OPERATIONS: Record<string, string> = {
  "create-check-run": "POST /repos/{owner}/{repo}/check-runs",
  "update-check-run": "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}",
  "create-comment": "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
  "update-comment": "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}",
  "create-issue": "POST /repos/{owner}/{repo}/issues",
  "update-issue": "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
};

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });

/** The app id of an RS256 app JWT signed with the app's key, or null. */
const verifiedAppJwt = (authorization: string | null, publicKey: string): number | null => {
  const match = /^bearer (.+)$/i.exec(authorization ?? "");
  const [header, payload, signature] = match?.[1]?.split(".") ?? [];
  if (!header || !payload || !signature) return null;
  const ok = verify(
    "RSA-SHA256",
    Buffer.from(`${header}.${payload}`),
    publicKey,
    Buffer.from(signature, "base64url"),
  );
  if (!ok) return null;
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { iss?: unknown };
  return Number(claims.iss);
};

const send = (response: ServerResponse, reply: Reply): void => {
  const headers = {
    "content-type": "application/json; charset=utf-8",
    "x-github-media-type": "github.v3; format=json",
    "x-ratelimit-remaining": "4999",
    ...reply.headers,
  };
  response.writeHead(reply.status, headers);
  response.end(reply.raw ?? (reply.body === undefined ? "" : JSON.stringify(reply.body)));
};

/**
 * A local stand-in for the GitHub REST API, reached by Probot through GHE_HOST (every path
 * under `/api/v3`). It checks app JWTs against the app's public key, hands out installation
 * tokens, scopes every repository request to the token's installation, keeps what the app
 * writes, records every request and injects faults on demand. Listens on loopback only.
 */
export const startGitHubDouble = async (options: {
  appId: number;
  publicKey: string;
}): Promise<GitHubDouble> => {
  const state = createState();
  const requests: RecordedRequest[] = [];
  const unexpected: GitHubDouble["unexpected"] = [];
  const faults: Fault[] = [];

  const answer = async (
    method: string,
    url: URL,
    path: string,
    body: unknown,
    authorization: string | null,
  ) => {
    const fault = faults.find(
      (f) =>
        f.times > 0 &&
        (f.method ?? method) === method &&
        f.path.test(path) &&
        (f.bodyMatches === undefined || f.bodyMatches.test(JSON.stringify(body))),
    );
    if (fault) fault.times -= 1;
    const faultAnswer = (fault: Fault) => ({
      route: "fault",
      hang: fault.hang === true,
      reply: {
        status: fault.status,
        body: fault.body ?? DEFAULT_FAULT_BODY[fault.status] ?? {},
        headers: fault.headers ?? {},
      },
      reason: null,
    });
    if (fault && !fault.after) return faultAnswer(fault);
    const handled = await handle(method, url, path, body, authorization);
    return fault && handled.reply.status < 300 ? faultAnswer(fault) : handled;
  };

  const handle = async (
    method: string,
    url: URL,
    path: string,
    body: unknown,
    authorization: string | null,
  ) => {
    const token = /^token (.+)$/i.exec(authorization ?? "")?.[1];
    const input = {
      state,
      method,
      path,
      url,
      body,
      installationId: token ? (state.tokens.get(token) ?? null) : null,
      appJwt: verifiedAppJwt(authorization, options.publicKey),
      appId: options.appId,
    };
    for (const route of ROUTES) {
      const match = route.method === method ? route.pattern.exec(path) : null;
      if (!match) continue;
      const operation = WRITE_OPERATIONS[route.name];
      const problems = operation ? openApiProblems(operation, body) : [];
      if (problems.length > 0) {
        return {
          route: route.name,
          reply: { status: 422, body: { message: "Validation Failed", errors: problems } },
          reason: `GitHub would reject this body: ${problems.join("; ")}`,
        };
      }
      const result = await route.handler(input, match.slice(1));
      return isUnexpected(result)
        ? { route: route.name, reply: result.reply, reason: result.reason }
        : { route: route.name, reply: result, reason: null };
    }
    return { route: null, reply: { status: 404, body: { message: "Not Found" } }, reason: "no such route" };
  };

  const server = createServer((request, response) => {
    const method = request.method ?? "GET";
    const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "127.0.0.1"}`);
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v3(?=\/)/, "");
    const authorization = request.headers.authorization ?? null;
    const at = Date.now();
    readBody(request)
      .then(async (text) => {
        let body: unknown = text;
        try {
          body = text === "" ? null : JSON.parse(text);
        } catch {}
        const answered = await answer(method, url, path, body, authorization);
        const { route, reply, reason } = answered;
        const token = /^token (.+)$/i.exec(authorization ?? "")?.[1];
        const recorded: RecordedRequest = {
          method,
          path: `${path}${url.search}`,
          route,
          status: reply.status,
          installationId: token ? (state.tokens.get(token) ?? null) : null,
          authorization,
          body,
          at,
        };
        requests.push(recorded);
        if (reason) unexpected.push({ request: recorded, reason });
        if (!("hang" in answered && answered.hang)) send(response, reply);
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
    host: `127.0.0.1:${port}`,
    state,
    requests,
    unexpected,
    addRepo: (repo) => {
      state.repos.set(key(`${repo.owner}/${repo.name}`), repo);
    },
    serveHistory: (installationId, history, holdAfter) => {
      const hold = holdAfter === undefined ? null : createHold(holdAfter);
      state.histories.set(installationId, { double: history, queries: 0, hold });
      return hold;
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
      state.commitPulls.set(`${key(repo)}@${sha}`, pulls);
    },
    fail: (fault) => {
      faults.push(fault);
      return fault;
    },
    checkRuns: (repo) => state.checkRuns.filter((run) => repo === undefined || run.repo === repo),
    comments: (repo, issueNumber) =>
      state.comments.filter(
        (c) =>
          (repo === undefined || c.repo === repo) &&
          (issueNumber === undefined || c.issue_number === issueNumber),
      ),
    issues: (repo) => state.issues.filter((issue) => repo === undefined || issue.repo === repo),
    hookTo: (url, secret) => {
      state.hooks.target = { url, secret };
    },
    sendHooks: async (deliveries, { spreadOverMs } = {}) => {
      if (spreadOverMs === undefined) {
        const answers: DeliveryAnswer[] = [];
        for (const delivery of deliveries) answers.push(await sendHook(state.hooks, delivery));
        return answers;
      }
      const start = Date.now();
      const until = (at: number) =>
        new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
      const gap = spreadOverMs / Math.max(1, deliveries.length);
      const answers = await Promise.all(
        deliveries.map(async (delivery, index) => {
          await until(start + index * gap);
          return sendHook(state.hooks, delivery);
        }),
      );
      await until(start + spreadOverMs);
      return answers;
    },
    hookAttempts: () => [...state.hooks.attempts],
    redeliveriesSent: async () => {
      while (state.hooks.inFlight.size > 0) await Promise.all([...state.hooks.inFlight]);
    },
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
