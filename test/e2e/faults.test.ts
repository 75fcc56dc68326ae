import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ledgerLines, report } from "./helpers/cli.js";
import { deliverAll } from "./helpers/deliver.js";
import type { RecordedRequest } from "./helpers/github-double.js";
import {
  CLOSED_PR,
  expectedLedger,
  headOf,
  MERGED_PR,
  monthOf,
  pullRequestStory,
  registerMonth,
  repoOf,
} from "./helpers/scenario.js";
import { eventually, type Stack, settled, startStack } from "./helpers/stack.js";
import { onPostgres, withAdmin } from "./helpers/store.js";

const CREDIT_MARKER = "<!-- gluework:credit -->";

/** The month's outputs are all there, each exactly once. */
const expectOutputs = (stack: Stack, repo: ReturnType<typeof repoOf>) => {
  const name = `${repo.owner}/${repo.name}`;
  const runs = stack.double.checkRuns(name);
  expect(runs.map((run) => run.head_sha).sort()).toEqual([headOf(MERGED_PR), headOf(CLOSED_PR)].sort());
  for (const run of runs) expect(run).toMatchObject({ status: "completed", conclusion: "neutral" });
  const credit = stack.double.comments(name).filter((comment) => comment.body.includes(CREDIT_MARKER));
  expect(credit.map((comment) => comment.issue_number)).toEqual([MERGED_PR]);
};

const requestsTo = (stack: Stack, route: string, repo: string): RecordedRequest[] =>
  stack.double.requests
    .filter((request) => request.route === route || request.path.startsWith(`/repos/${repo}/`))
    .filter(
      (request) =>
        request.path.startsWith(`/repos/${repo}/`) && (request.route === route || request.route === "fault"),
    );

describe("GitHub failing", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    expect(await stack?.stop()).toEqual([0]);
  });
  afterEach(async () => {
    expect(stack.double.unexpected).toEqual([]);
    expect((await fetch(`${stack.server.url}/ping`)).status).toBe(200);
  });

  it("rides out 500 and 502 answers on reads and writes: no crash, every write still happens once", async () => {
    const repo = repoOf(201, 9201, "acme-5xx", "widgets");
    const name = `${repo.owner}/${repo.name}`;
    registerMonth(stack.double, repo);
    stack.double.fail({
      method: "GET",
      path: new RegExp(`^/repos/${name}/pulls/2/files$`),
      status: 502,
      times: 1,
    });
    stack.double.fail({
      method: "POST",
      path: new RegExp(`^/repos/${name}/check-runs$`),
      status: 500,
      times: 2,
    });
    stack.double.fail({
      method: "POST",
      path: new RegExp(`^/repos/${name}/issues/2/comments$`),
      status: 502,
      times: 1,
    });

    const answers = await deliverAll(stack.server.url, stack.credentials.webhookSecret, monthOf(repo), 1);
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    await settled(stack.sql, 201);

    expect(ledgerLines(await report(201, stack.cliEnv()))).toEqual(expectedLedger(repo));
    expectOutputs(stack, repo);
    const faulted = stack.double.requests.filter(
      (r) => r.route === "fault" && r.path.startsWith(`/repos/${name}/`),
    );
    expect(faulted.map((r) => r.status).sort()).toEqual([500, 500, 502, 502]);
  });

  // The two run side by side: each waits out its retry-after, on an installation of its own.
  it.concurrent.each([403, 429])(
    "waits out a secondary rate limit (%i with retry-after) and then writes once",
    async (status) => {
      const installationId = 210 + (status % 10);
      const repo = repoOf(installationId, 9200 + installationId, `acme-limit-${status}`, "widgets");
      const name = `${repo.owner}/${repo.name}`;
      registerMonth(stack.double, repo);
      stack.double.fail({
        method: "POST",
        path: new RegExp(`^/repos/${name}/check-runs$`),
        status,
        times: 1,
        headers: { "retry-after": "2" },
      });
      stack.double.fail({
        method: "POST",
        path: new RegExp(`^/repos/${name}/issues/2/comments$`),
        status,
        times: 1,
        headers: { "retry-after": "2" },
      });
      const answers = await deliverAll(stack.server.url, stack.credentials.webhookSecret, monthOf(repo), 1);
      expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
      await settled(stack.sql, installationId);
      expectOutputs(stack, repo);
      for (const [route, path] of [
        ["create-check-run", "/check-runs"],
        ["create-comment", "/issues/2/comments"],
      ] as const) {
        const attempts = requestsTo(stack, route, name).filter(
          (r) => r.method === "POST" && r.path.endsWith(path),
        );
        const limited = attempts.find((r) => r.status === status);
        expect(limited?.status).toBe(status);
        // The same write again (same PR head, same comment thread) once GitHub answered.
        const target = (r: RecordedRequest) =>
          `${r.path} ${(r.body as { head_sha?: string }).head_sha ?? ""}`;
        const retry = attempts.find(
          (r) => r.at > (limited?.at ?? 0) && target(r) === target(limited as RecordedRequest),
        );
        expect(retry?.status).toBe(201);
        // It came no sooner than GitHub asked: a lower bound, never a speed limit.
        expect((retry?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(2_000 - 50);
      }
    },
  );

  it("answers every delivery while GitHub fails, keeps what needs GitHub queued, and credits it once GitHub answers", async () => {
    const repo = repoOf(230, 9230, "acme-down", "widgets");
    const name = `${repo.owner}/${repo.name}`;
    registerMonth(stack.double, repo);
    const outage = stack.double.fail({
      method: "GET",
      path: new RegExp(`^/repos/${name}/pulls/2/files$`),
      status: 500,
      times: 1_000,
    });
    // The batched read (GraphQL) fails too, so every way to the file list is down.
    const batchedOutage = stack.double.fail({
      method: "POST",
      path: /^\/api\/graphql$/,
      status: 502,
      times: 1_000,
    });
    const month = monthOf(repo);
    const first = await deliverAll(stack.server.url, stack.credentials.webhookSecret, month, 1);
    // A delivery never waits on GitHub: what needs a GitHub read is queued in its transaction.
    expect(first.map((answer) => answer.status)).toEqual(month.map(() => 200));
    const queued = async () =>
      stack.sql<{ activity_key: string; attempts: number; last_error: string | null }[]>`
        select activity_key, attempts, last_error from activities
        where installation_id = 230 and classified_at is null
      `;
    await eventually("the queued activities to meet the outage", async () =>
      (await queued()).every((job) => job.attempts > 0 && job.last_error !== null),
    );
    // Exactly the activities that need the merged PR's file list wait, each once.
    const waiting = (await queued()).map((entry) =>
      entry.activity_key.split(":")[0]?.split("-").slice(2).join("-"),
    );
    expect(waiting.sort()).toEqual(
      ["comment-pr", "pr-merged", "review-early", "review-inline", "review-late"].sort(),
    );
    const partial = ledgerLines(await report(230, stack.cliEnv()));
    expect(partial.length).toBeLessThan(expectedLedger(repo).length);

    outage.times = 0;
    batchedOutage.times = 0;
    await settled(stack.sql, 230);
    expect(ledgerLines(await report(230, stack.cliEnv()))).toEqual(expectedLedger(repo));
    expectOutputs(stack, repo);
  });

  it("skips a deleted PR cleanly: the credits stay, its writes are dropped, nothing retries forever", async () => {
    const repo = repoOf(220, 9220, "acme-gone", "widgets");
    const name = `${repo.owner}/${repo.name}`;
    stack.double.addRepo(repo);
    stack.double.addPull(name, {
      number: 4,
      headSha: headOf(4),
      author: "octowriter",
      merged: true,
      files: [],
    });
    stack.double.deletePull(name, 4);
    stack.double.setCommitPulls(name, headOf(4), []);
    const answers = await deliverAll(
      stack.server.url,
      stack.credentials.webhookSecret,
      pullRequestStory(repo, 4),
      1,
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    await settled(stack.sql, 220);
    expect(ledgerLines(await report(220, stack.cliEnv()))).toEqual([`octoreviewer review.submitted ${name}`]);
    expect(stack.double.checkRuns(name)).toEqual([]);
    expect(stack.double.comments(name)).toEqual([]);
    const notFound = stack.double.requests.filter(
      (r) => r.path.startsWith(`/repos/${name}/`) && r.status === 404,
    );
    expect(notFound.length).toBeGreaterThan(0);
    expect(stack.server.logs()).toContain("job dropped");
  });
});

describe("the database going away", () => {
  let stack: Stack;
  beforeAll(async () => {
    if (onPostgres()) stack = await startStack();
  });
  afterAll(async () => {
    if (stack) expect(await stack.stop()).toEqual([0]);
  });

  /** Refuses new connections to the server's database and ends every open one. */
  const cut = (database: string, on: boolean) =>
    withAdmin(async (admin) => {
      await admin.unsafe(`alter database ${database} allow_connections ${on ? "true" : "false"}`);
      if (!on) {
        await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`;
      }
    });

  it.skipIf(!onPostgres())(
    "answers 5xx while PostgreSQL is gone, keeps serving, and redeliveries complete the ledger (DATABASE_URL only: the embedded store lives inside the server)",
    async () => {
      const repo = repoOf(240, 9240, "acme-dbdown", "widgets");
      const database = stack.store.database as string;
      registerMonth(stack.double, repo);
      const month = monthOf(repo);
      const before = month.slice(0, 10);
      const during = month.slice(10);
      const secret = stack.credentials.webhookSecret;
      expect((await deliverAll(stack.server.url, secret, before, 2)).map((a) => a.status)).toEqual(
        before.map(() => 200),
      );

      await cut(database, false);
      let answers: Awaited<ReturnType<typeof deliverAll>>;
      try {
        answers = await deliverAll(stack.server.url, secret, during, 2);
        expect((await fetch(`${stack.server.url}/ping`)).status).toBe(200);
      } finally {
        await cut(database, true);
      }
      // A delivery that must store something cannot succeed now: 5xx, so GitHub redelivers.
      // (One that stores nothing, such as a release edit, may still answer 200.)
      const failed = during.filter((_, index) => (answers[index]?.status ?? 0) >= 500);
      expect(answers.filter((answer) => answer.status !== 200 && answer.status < 500)).toEqual([]);
      expect(failed.length).toBeGreaterThanOrEqual(during.length - 2);
      expect(stack.server.child.exitCode).toBeNull();

      // Nothing of the failed deliveries was half-written.
      const kept = await stack.sql`select delivery_id from deliveries where installation_id = 240`;
      expect(kept.map((row) => row.delivery_id).sort()).toEqual(before.map((d) => d.id).sort());

      const again = await deliverAll(stack.server.url, secret, failed, 2);
      expect(again.map((answer) => answer.status)).toEqual(failed.map(() => 200));
      await settled(stack.sql, 240);
      expect(ledgerLines(await report(240, stack.cliEnv()))).toEqual(expectedLedger(repo));
      expectOutputs(stack, repo);
      expect(stack.double.unexpected).toEqual([]);
    },
  );
});
