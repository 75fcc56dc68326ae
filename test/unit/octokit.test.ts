import nock from "nock";
import { pino } from "pino";
import { Probot } from "probot";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fetchWithTimeout, GlueworkOctokit, repeatable } from "../../src/github/octokit.js";
import { API, watchUnmatchedRequests } from "../helpers/probot.js";

const client = () =>
  new Probot({ githubToken: "test-token", Octokit: GlueworkOctokit, log: pino({ level: "silent" }) }).auth();

const CHECK_RUN = {
  name: "Glue work",
  head_sha: "a".repeat(40),
  status: "completed",
  conclusion: "neutral",
} as const;

describe("GlueworkOctokit", () => {
  let unmatched: ReturnType<typeof watchUnmatchedRequests>;
  beforeAll(() => {
    nock.disableNetConnect();
  });
  afterAll(() => {
    nock.enableNetConnect();
  });
  afterEach(() => {
    unmatched.stop();
    nock.cleanAll();
  });
  const start = () => {
    unmatched = watchUnmatchedRequests();
  };

  it("never sends a create twice: a 502 after the POST is the caller's to resolve", async () => {
    start();
    const scope = nock(API).post("/repos/acme/web/check-runs").reply(502, { message: "Server Error" });
    const octokit = await client();
    await expect(
      octokit.request("POST /repos/{owner}/{repo}/check-runs", { owner: "acme", repo: "web", ...CHECK_RUN }),
    ).rejects.toMatchObject({ status: 502 });
    expect(scope.isDone()).toBe(true);
    expect(unmatched.requests).toEqual([]);
  });

  it("repeats a read once after a 502", async () => {
    start();
    const scope = nock(API)
      .get("/repos/acme/web/pulls/1")
      .reply(502, { message: "Server Error" })
      .get("/repos/acme/web/pulls/1")
      .reply(200, { number: 1 });
    const octokit = await client();
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", {
      owner: "acme",
      repo: "web",
      pull_number: 1,
    });
    expect(data).toEqual({ number: 1 });
    expect(scope.isDone()).toBe(true);
    expect(unmatched.requests).toEqual([]);
  });

  it("gives a primary rate limit back at once instead of sleeping until the reset", async () => {
    start();
    const reset = Math.floor(Date.now() / 1000) + 3600;
    const scope = nock(API)
      .get("/repos/acme/web/pulls/1")
      .reply(
        403,
        { message: "API rate limit exceeded" },
        { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) },
      );
    const octokit = await client();
    await expect(
      octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", {
        owner: "acme",
        repo: "web",
        pull_number: 1,
      }),
    ).rejects.toMatchObject({ status: 403 });
    expect(scope.isDone()).toBe(true);
  });

  it("lets GraphQL (reads only) and edits repeat, but no other POST", () => {
    expect(repeatable({ method: "POST", url: "/graphql" })).toBe(true);
    expect(repeatable({ method: "PATCH", url: "/repos/{owner}/{repo}/check-runs/{check_run_id}" })).toBe(
      true,
    );
    expect(repeatable({ method: "GET", url: "/repos/{owner}/{repo}/issues" })).toBe(true);
    expect(repeatable({ method: "POST", url: "/repos/{owner}/{repo}/issues/{issue_number}/comments" })).toBe(
      false,
    );
    expect(repeatable({ method: "POST", url: "/app/hook/deliveries/{delivery_id}/attempts" })).toBe(false);
  });
});

describe("fetchWithTimeout", () => {
  /** A fetch that never answers: it only ends when its signal aborts. */
  const hung: typeof fetch = (_input, init) =>
    new Promise((_resolve, reject) => {
      init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
    });

  it("aborts a request that never answers", async () => {
    await expect(fetchWithTimeout(5, hung)("http://127.0.0.1/")).rejects.toMatchObject({
      name: "TimeoutError",
    });
  });

  it("still honours the caller's own signal", async () => {
    const caller = new AbortController();
    const pending = fetchWithTimeout(3_600_000, hung)("http://127.0.0.1/", { signal: caller.signal });
    caller.abort(new Error("caller gave up"));
    await expect(pending).rejects.toThrow("caller gave up");
  });
});
