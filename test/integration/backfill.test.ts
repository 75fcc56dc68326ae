import nock from "nock";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { Clock } from "../../src/backfill/clock.js";
import { createPageSizer } from "../../src/backfill/page-sizer.js";
import type { BackfillProgress } from "../../src/backfill/progress.js";
import { claimBackfill, loadCursors, renewBackfill, requestBackfill } from "../../src/store/backfill-runs.js";
import { findPullRequestFiles } from "../../src/store/pull-request-files.js";
import { smallHistory } from "../helpers/history/fixtures.js";
import { createGraphqlDouble, type DoubleOptions } from "../helpers/history/graphql-double.js";
import { type ImportOptions, importHistory } from "../helpers/history/import-history.js";
import { mockHistoryApi } from "../helpers/history/mock-history-api.js";
import type { History } from "../helpers/history/synthetic-history.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { ledgerRows } from "../helpers/ledger.js";
import { resetStore, storeKinds } from "../helpers/stores.js";

const _silent = pino({ level: "silent" });
const SINCE = new Date("2026-01-01T00:00:00Z");

/** A clock that never waits: a sleep moves its time forward and is remembered. */
const fakeClock = (start: number): Clock & { sleeps: number[] } => {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
};

/** Pages of 100 whatever they hold (page counts in a test stay as written). */
const fullPages = () => createPageSizer({ targetObjects: Number.POSITIVE_INFINITY });

const small = smallHistory;

describe.each(storeKinds())("backfill on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  const run = (history: History, options: ImportOptions = {}) =>
    importHistory(store, history, SINCE, options);

  const serve = (history: History, options: DoubleOptions = {}) => {
    const double = createGraphqlDouble(history, options);
    mockHistoryApi(double);
    return double;
  };

  it("reads every page of pull requests and every page of their nested lists", async () => {
    const history = small({ pullRequests: 230 });
    const [author, reviewer] = history.members;
    const [chatty, wide, busy] = history.pullRequests;
    for (const pr of [chatty!, wide!, busy!])
      Object.assign(pr, { author, association: "MEMBER", labels: [] });
    const at = chatty!.createdAt;
    chatty!.reviews = [
      {
        id: 4_200_000_000,
        nodeId: "PRR_chatty",
        author: reviewer!,
        state: "COMMENTED",
        body: "",
        submittedAt: at,
        comments: Array.from({ length: 300 }, (_, i) => ({
          id: 4_300_000_000 + i,
          author: reviewer!,
          createdAt: at,
        })),
      },
    ];
    wide!.files = Array.from({ length: 150 }, (_, i) => ({
      path: `src/module-${i}.ts`,
      additions: 1,
      deletions: 0,
    }));
    busy!.reviews = Array.from({ length: 25 }, (_, i) => ({
      id: 4_400_000_000 + i,
      nodeId: `PRR_busy_${i}`,
      author: reviewer!,
      state: "APPROVED" as const,
      body: "Ship it.",
      submittedAt: at,
      comments: Array.from({ length: 40 }, (_, j) => ({
        id: 4_500_000_000 + i * 100 + j,
        author: reviewer!,
        createdAt: at,
      })),
    }));
    const double = serve(history);

    expect(await run(history)).toMatchObject({ outcome: "finished", items: 230 });

    const keys = new Set((await ledgerRows(store.sql)).map((row) => row.source_key as string));
    const missing = (ids: number[], prefix: string) => ids.filter((id) => !keys.has(`${prefix}${id}`));
    expect(
      missing(
        chatty!.reviews[0]!.comments.map((c) => c.id),
        "review:review-comment:",
      ),
    ).toEqual([]);
    expect(
      missing(
        busy!.reviews.map((r) => r.id),
        "review:",
      ),
    ).toEqual([]);
    expect(
      missing(
        busy!.reviews.flatMap((r) => r.comments.map((c) => c.id)),
        "review:review-comment:",
      ),
    ).toEqual([]);
    const files = await findPullRequestFiles(store.sql, {
      installationId: history.installationId,
      repoId: history.repo.id,
      number: wide!.number,
    });
    expect(files).toHaveLength(150);
    const pages = double.stats.log.filter((entry) => entry.operation === "BackfillPullRequests");
    expect(pages.map((page) => page.variables.after === null)).toEqual([true, false, false]);
    const followUps = double.stats.log.filter((entry) => entry.operation === "BackfillFollowUps");
    expect(followUps.length).toBeGreaterThan(0);
    expect(followUps.length).toBeLessThanOrEqual(6);
  });

  it("reads up to 300 files of a PR in one round of follow-ups (its list's tail comes along), and more in further rounds", async () => {
    const history = small({ pullRequests: 2, seed: 4 });
    const [wide, wider] = history.pullRequests;
    const files = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ path: `src/module-${i}.ts`, additions: 1, deletions: 0 }));
    wide!.files = files(280);
    wider!.files = files(450);
    const double = serve(history);
    expect(await run(history)).toMatchObject({ outcome: "finished" });
    const stored = async (number: number) =>
      (
        await findPullRequestFiles(store.sql, {
          installationId: history.installationId,
          repoId: history.repo.id,
          number,
        })
      )?.map((file) => file.path);
    expect(await stored(wide!.number)).toEqual(files(280).map((file) => file.path));
    expect(new Set(await stored(wider!.number))).toEqual(new Set(files(450).map((file) => file.path)));
    expect(await stored(wider!.number)).toHaveLength(450);
    // Round one: both lists' next 100 and last 100 (the 280 are complete); then the 450's next
    // 100 twice, the second reaching its last 100: three requests where without the tail it took four.
    const followUps = double.stats.log.filter((entry) => entry.operation === "BackfillFollowUps");
    expect(followUps.map((entry) => Object.keys(entry.variables).length / 2)).toEqual([2, 1, 1]);
  });

  it("resumes from the stored cursor after a crash in the middle of a page", async () => {
    const history = small({ pullRequests: 210, heavyShare: 0.1, seed: 21 });
    let pages = 0;
    let crashed = false;
    // Pages are read two at a time and completed together: the crash comes after the first two.
    const crashing = serve(history, {
      fail: (_request, operation) => {
        if (operation === "BackfillPullRequests") pages += 1;
        if (pages === 3 && operation === "BackfillPullRequests" && !crashed) {
          crashed = true;
          return { status: 401, body: { message: "Bad credentials" } };
        }
        return null;
      },
    });
    await expect(run(history, { sizer: fullPages() })).rejects.toThrow(/Bad credentials/);
    const key = { installationId: history.installationId, repoId: history.repo.id };
    const stopped = (await loadCursors(store.sql, key)).get("pull_requests");
    const firstPage = crashing.stats.log.find((entry) => entry.operation === "BackfillPullRequests");
    expect(stopped?.done).toBe(false);
    expect(stopped?.cursor).toEqual(expect.any(String));
    const afterCrash = (await ledgerRows(store.sql)).length;
    expect(afterCrash).toBeGreaterThan(0);
    nock.cleanAll();

    const resumed = serve(history);
    expect(await run(history, { sizer: fullPages() })).toMatchObject({ outcome: "finished", items: 10 });
    const resumedPages = resumed.stats.log.filter((entry) => entry.operation === "BackfillPullRequests");
    expect(resumedPages[0]?.variables.after).toBe(stopped?.cursor);
    expect(firstPage?.variables.after).toBeNull();
    const ledger = await ledgerRows(store.sql);
    expect(ledger.length).toBeGreaterThan(afterCrash);
    nock.cleanAll();

    await resetStore(store.sql);
    serve(history);
    await run(history, { sizer: fullPages() });
    expect(await ledgerRows(store.sql)).toEqual(ledger);
  });

  it("waits for the rate-limit reset and retries a timeout with a smaller page, on an injected clock", async () => {
    const history = small({ pullRequests: 120, issues: 10 });
    const clock = fakeClock(Date.parse("2026-11-01T00:00:00Z"));
    const double = serve(history, {
      now: clock.now,
      rateLimit: (request) => (request === 1 ? { remaining: 100 } : null),
      fail: (request) => (request === 2 ? { status: 502, body: { message: "Server Error" } } : null),
    });
    const budgets: number[] = [];
    const started = Date.now();
    await run(history, {
      clock,
      // The halving on a timeout is what is measured here.
      sizer: fullPages(),
      onRateLimit: (rateLimit) => budgets.push(rateLimit.remaining),
    });

    expect(Date.now() - started).toBeLessThan(20_000);
    // The wait for the reset comes in pieces of a third of the lease (renewing it), then the backoff.
    const backoff = clock.sleeps.at(-1)!;
    const resetWait = clock.sleeps.slice(0, -1);
    expect(resetWait.reduce((sum, ms) => sum + ms, 0)).toBe(3_600_000 + 1000);
    expect(Math.max(...resetWait)).toBe(100_000);
    expect(backoff).toBeGreaterThanOrEqual(1000);
    expect(backoff).toBeLessThan(2000);
    const pages = double.stats.log.filter((entry) => entry.operation === "BackfillPullRequests");
    expect(pages.map((page) => page.variables.first)).toEqual([100, 50]);
    expect(budgets[0]).toBe(100);
  });

  it("runs one backfill of a repository at a time, and lets another process take over a dead one's run", async () => {
    const history = small({ pullRequests: 3 });
    const key = { installationId: history.installationId, repoId: history.repo.id };
    await requestBackfill(store.sql, { ...key, repo: history.repo.fullName, since: SINCE });
    expect(await claimBackfill(store.sql, key, "replica-a", 300)).not.toBeNull();
    expect(await claimBackfill(store.sql, key, "replica-b", 300)).toBeNull();

    const events: BackfillProgress[] = [];
    expect(await run(history, { holder: "replica-b", onProgress: (event) => events.push(event) })).toBeNull();
    expect(events).toEqual([expect.objectContaining({ type: "repository-skipped" })]);

    await store.sql`update backfill_runs set locked_until = now() - interval '1 second'`;
    serve(history);
    expect(await run(history, { holder: "replica-b" })).toMatchObject({ outcome: "finished", items: 3 });
    expect(await renewBackfill(store.sql, key, "replica-a", 300, 0)).toBe(false);
  });
});
