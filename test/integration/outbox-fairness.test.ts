import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Octokit } from "../../src/github/octokit.js";
import { createOutboxWorker, type JobHandler, rateLimitedUntil } from "../../src/publish/outbox-worker.js";
import { claimJobs, enqueueJobs, type OutboxJob } from "../../src/store/outbox.js";
import { useTestStore } from "../helpers/integration.js";
import { resetStore, storeKinds } from "../helpers/stores.js";

const jobs = (installationId: number, count: number, delayMs = 0): OutboxJob[] =>
  Array.from({ length: count }, (_, i) => ({
    installationId,
    key: `check-run:acme-${installationId}/web#${i + 1}`,
    kind: "check-run" as const,
    payload: { n: i + 1 },
    delayMs,
  }));

const rateLimit = (resetSeconds: number) =>
  Object.assign(new Error("API rate limit exceeded"), {
    status: 403,
    response: { headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(resetSeconds) } },
  });

/** Resolves once `check` holds, asked again after every turn of the event loop (no fixed sleeps). */
const until = async (check: () => boolean | Promise<boolean>): Promise<void> => {
  while (!(await check())) await new Promise((resolve) => setImmediate(resolve));
};

describe.each(storeKinds())("outbox turns on %s store", (kind) => {
  const store = useTestStore(kind);
  beforeEach(async () => {
    await resetStore(store.sql);
  });

  it("claims a few jobs of each installation, the longest-waiting first, and skips installations whose turn is under way", async () => {
    await enqueueJobs(store.sql, [...jobs(1, 30), ...jobs(2, 2), ...jobs(3, 1)]);
    const claimed = await claimJobs(store.sql, 20, { perInstallation: 5 });
    const count = (id: number) => claimed.filter((job) => job.installationId === id).length;
    expect([count(1), count(2), count(3)]).toEqual([5, 2, 1]);
    const next = await claimJobs(store.sql, 20, { perInstallation: 5, skipInstallations: [1] });
    expect(next).toEqual([]);
    const more = await claimJobs(store.sql, 20, { perInstallation: 5 });
    expect(more.map((job) => job.installationId)).toEqual([1, 1, 1, 1, 1]);
  });

  describe("the worker", () => {
    let stop: (() => Promise<void>) | null = null;
    afterEach(async () => {
      await stop?.();
      stop = null;
    });

    const startWorker = (handler: JobHandler) => {
      const worker = createOutboxWorker({
        sql: store.sql,
        auth: async () => ({}) as Octokit,
        app: async () => ({ id: 1, slug: "gluework", botLogin: "gluework[bot]" }),
        log: pino({ level: "silent" }),
        handlers: { "check-run": handler },
        pollMs: 50,
      });
      worker.start();
      stop = worker.stop;
      return worker;
    };

    it("writes for one installation while another's request hangs", async () => {
      const done: string[] = [];
      const hung: Array<() => void> = [];
      let released = false;
      startWorker(async (context, payload) => {
        if (context.installationId === 1 && !released) {
          await new Promise<void>((resolve) => hung.push(resolve));
        }
        done.push(`${context.installationId}:${(payload as { n: number }).n}`);
      });
      await enqueueJobs(store.sql, jobs(1, 10));
      await until(() => hung.length === 1);
      await enqueueJobs(store.sql, jobs(2, 3));
      await until(() => done.length === 3);
      expect(done.sort()).toEqual(["2:1", "2:2", "2:3"]);
      expect(hung).toHaveLength(1);
      released = true;
      for (const resolve of hung) resolve();
    });

    it("reschedules a rate-limited installation's writes to the reset and lets its turn go", async () => {
      const reset = Math.floor(Date.now() / 1000) + 3600;
      const calls: string[] = [];
      startWorker(async (context, payload) => {
        calls.push(`${context.installationId}:${(payload as { n: number }).n}`);
        if (context.installationId === 1) throw rateLimit(reset);
      });
      await enqueueJobs(store.sql, [...jobs(1, 8), ...jobs(2, 2)]);
      const paused = async () => {
        const [pause] = await store.sql<
          { until: Date }[]
        >`select until from outbox_pauses where installation_id = 1`;
        const locked =
          await store.sql`select 1 from outbox where installation_id = 1 and locked_until > now()`;
        return (pause?.until.getTime() ?? 0) >= reset * 1000 && locked.length === 0;
      };
      await until(paused);
      await until(() => calls.filter((call) => call.startsWith("2:")).length === 2);
      const waiting = await store.sql<
        { attempts: number }[]
      >`select attempts from outbox where installation_id = 1`;
      // One request met the limit; no other job of the installation was tried.
      expect(calls.filter((call) => call.startsWith("1:"))).toHaveLength(1);
      expect(waiting).toHaveLength(8);
      // A job queued again while paused waits for the reset too.
      await enqueueJobs(store.sql, jobs(1, 1));
      expect(await claimJobs(store.sql, 20, { kinds: ["check-run"] })).toEqual([]);
      expect(waiting.filter((row) => row.attempts > 0)).toHaveLength(1);
    });
  });

  it("reads GitHub's rate-limit answers: retry-after, or the primary limit's reset", () => {
    const now = 1_000_000;
    expect(rateLimitedUntil(rateLimit(2000), now)).toBe(2_000_000);
    const secondary = { status: 429, response: { headers: { "retry-after": "30" } } };
    expect(rateLimitedUntil(secondary, now)).toBe(now + 30_000);
    expect(rateLimitedUntil({ status: 403, response: { headers: {} } }, now)).toBeNull();
    expect(rateLimitedUntil({ status: 502, response: { headers: { "retry-after": "5" } } }, now)).toBeNull();
  });
});
