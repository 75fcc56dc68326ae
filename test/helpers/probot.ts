import nock from "nock";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { createApp } from "../../src/app.js";
import { createClassifyWorker } from "../../src/handlers/classify-worker.js";
import type { Sql } from "../../src/store/db.js";

export const API = "https://api.github.com";

/** The classify stage of a test Probot, as the server runs it, drained on demand. */
export const testClassifyWorker = (probot: Probot, sql: Sql) =>
  createClassifyWorker({
    sql,
    auth: (installationId) => probot.auth(installationId),
    log: pino({ level: "silent" }),
  });

/**
 * A Probot instance (the GitHub clients of the workers) with Gluework's webhooks, against `sql`,
 * with retries and throttling off for nock. Each `receive` runs the production path: the app's
 * `receive`, as the server calls it once a delivery is verified, puts the delivery into the
 * inbox; then the classify stage takes what is due (unless `classify: "manual"`, for tests that
 * look at the inbox first).
 */
export const createTestProbot = (
  sql: Sql,
  { classify = "on-receive" }: { classify?: "on-receive" | "manual" } = {},
): Probot => {
  const probot = new Probot({
    githubToken: "test-token",
    Octokit: ProbotOctokit.defaults((options: Record<string, unknown>) => ({
      ...options,
      retry: { enabled: false },
      throttle: { enabled: false },
    })),
    log: pino({ level: "silent" }),
  });
  const app = createApp({ sql, log: pino({ level: "silent" }) });
  const worker = testClassifyWorker(probot, sql);
  probot.receive = async (event) => {
    await app.receive(event);
    if (classify === "on-receive") await worker.drain();
  };
  return probot;
};

/** GitHub answers "no .github/gluework.yml" for the repository and for the org's `.github`. */
export const mockNoConfig = (owner: string, repo: string): nock.Scope =>
  nock(API)
    .get(`/repos/${owner}/${repo}/contents/${encodeURIComponent(".github/gluework.yml")}`)
    .reply(404, { message: "Not Found" })
    .get(`/repos/${owner}/.github/contents/${encodeURIComponent(".github/gluework.yml")}`)
    .reply(404, { message: "Not Found" });

/** GitHub serves `yaml` as the repository's `.github/gluework.yml`. */
export const mockConfig = (owner: string, repo: string, yaml: string): nock.Scope =>
  nock(API)
    .get(`/repos/${owner}/${repo}/contents/${encodeURIComponent(".github/gluework.yml")}`)
    .reply(200, yaml, { "content-type": "application/vnd.github.v3.raw; charset=utf-8" });

type ChangedFile = { filename: string; additions: number; deletions: number };

/** One entry of the pulls API's file list, the `index`th. */
export const pullRequestFile = (file: ChangedFile, index: number): Record<string, unknown> => ({
  sha: `${index}`.padStart(40, "0"),
  status: "modified",
  changes: file.additions + file.deletions,
  blob_url: "",
  raw_url: "",
  contents_url: "",
  ...file,
});

/** The pulls API's file list for a PR; `optional` when reading it is allowed but not required. */
export const mockPullRequestFiles = (
  owner: string,
  repo: string,
  number: number,
  files: ChangedFile[],
  { optional = false } = {},
): nock.Scope =>
  nock(API)
    .get(`/repos/${owner}/${repo}/pulls/${number}/files`)
    .query(true)
    .optionally(optional)
    .reply(200, files.map(pullRequestFile));

export const receive = (probot: Probot, name: string, payload: unknown, id = `delivery-${Math.random()}`) =>
  probot.receive({ id, name, payload } as Parameters<Probot["receive"]>[0]);

/**
 * Records every request no nock interceptor answered (with net connect disabled they fail, and
 * a job would swallow the failure by retrying): assert the list is empty.
 */
export const watchUnmatchedRequests = (): { requests: string[]; stop: () => void } => {
  const requests: string[] = [];
  const listener = (request: { method?: string; host?: string; path?: string; href?: string }) => {
    requests.push(`${request.method ?? "?"} ${request.host ?? ""}${request.path ?? request.href ?? "?"}`);
  };
  nock.emitter.on("no match", listener);
  return { requests, stop: () => nock.emitter.removeListener("no match", listener) };
};
