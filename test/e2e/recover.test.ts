import { afterAll, describe, expect, it } from "vitest";
import type { DoubleRepo } from "../../src/github-double/state.js";
import type { Sql } from "../../src/store/db.js";
import { ledgerLines, report } from "./helpers/cli.js";
import type { Delivery } from "./helpers/deliver.js";
import {
  CLOSED_PR,
  expectedLedger,
  headOf,
  MERGED_PR,
  monthOf,
  registerMonth,
  repoOf,
} from "./helpers/scenario.js";
import { type ServerProcess, startServer } from "./helpers/server.js";
import { eventually, type Stack, settled, useStack } from "./helpers/stack.js";
import { onPostgres, withAdmin } from "./helpers/store.js";

/** How long each outage lasts; deliveries keep arriving throughout it. */
const OUTAGE_MS = 60_000;
/** Every credit is in the ledger this soon after the server or its database is back. */
const HEALED_WITHIN_MS = 5 * 60_000;
/** The outage, the bound, and time for what comes before and after. */
const TEST_TIMEOUT_MS = OUTAGE_MS + HEALED_WITHIN_MS + 60_000;

/**
 * Registers `repo`'s month with GitHub and delivers its first eight deliveries (each stored); the
 * rest are returned, for the outage.
 */
const deliverFirstPart = async (stack: Stack, repo: DoubleRepo): Promise<Delivery[]> => {
  registerMonth(stack.double, repo);
  const month = monthOf(repo);
  const [before, during] = [month.slice(0, 8), month.slice(8)];
  stack.double.hookTo(stack.server.url, stack.credentials.webhookSecret);
  expect((await stack.double.sendHooks(before)).map((answer) => answer.status)).toEqual(
    before.map(() => 200),
  );
  return during;
};

/**
 * Waits, until `healedBy` at the latest, for GitHub to redeliver exactly the `failed` deliveries
 * (each once, answered 200) and for the server to settle; then `repo`'s ledger must be whole.
 */
const expectHealed = async (
  stack: Stack,
  sql: Sql,
  repo: DoubleRepo,
  failed: readonly Delivery[],
  healedBy: number,
): Promise<void> => {
  const redelivered = () =>
    stack.double.hookAttempts().filter((attempt) => attempt.redelivery && attempt.status_code === 200);
  await eventually(
    "GitHub to redeliver what failed",
    () => redelivered().length >= failed.length,
    healedBy - Date.now(),
  );
  await stack.double.redeliveriesSent();
  await settled(sql, repo.installationId, healedBy - Date.now());
  expect(ledgerLines(await report(repo.installationId, stack.cliEnv()))).toEqual(expectedLedger(repo));
  expect(Date.now()).toBeLessThan(healedBy);
  expect(
    redelivered()
      .map((attempt) => attempt.guid)
      .sort(),
  ).toEqual(failed.map((delivery) => delivery.id).sort());
};

describe("healing from GitHub's delivery log", () => {
  const stack = useStack();
  const restarted: ServerProcess[] = [];
  let sql: Sql | null = null;
  // Runs before the stack stops: "after" hooks run in the reverse order of their registration.
  afterAll(async () => {
    await sql?.end({ timeout: 1 });
    expect(await Promise.all(restarted.map((server) => server.stop()))).toEqual(restarted.map(() => 0));
  });

  it(
    "has every delivery that failed while the server was down for 60 s redelivered once after it restarts, every credit present within five minutes, with no manual redelivery",
    async () => {
      const repo = repoOf(801, 9801, "acme-down", "widgets");
      const during = await deliverFirstPart(stack, repo);

      expect(await stack.server.stop()).toBe(0);
      const downAt = Date.now();
      const failed = await stack.double.sendHooks(during, { spreadOverMs: OUTAGE_MS });
      expect(failed.map((answer) => answer.status)).toEqual(during.map(() => 0));
      // The deliveries failed one by one throughout the outage, not in one burst.
      const failedAt = stack.double
        .hookAttempts()
        .filter((attempt) => attempt.status_code === 0)
        .map((attempt) => Date.parse(attempt.delivered_at));
      expect(Math.max(...failedAt) - Math.min(...failedAt)).toBeGreaterThanOrEqual(
        (OUTAGE_MS * (during.length - 1)) / during.length - 1_000,
      );

      // Back up (two replicas on PostgreSQL: they share the work and ask GitHub once per delivery).
      // The first keeps the address GitHub delivers to.
      const port = Number(new URL(stack.server.url).port);
      let upAt = Date.now();
      for (let i = 0; i < (onPostgres() ? 2 : 1); i += 1) {
        const server = { credentials: stack.credentials, double: stack.double, store: stack.store };
        restarted.push(await startServer(i === 0 ? { ...server, port } : server));
        if (i === 0) upAt = Date.now();
      }
      expect(upAt - downAt).toBeGreaterThanOrEqual(OUTAGE_MS);
      sql = await stack.store.connect();
      await expectHealed(stack, sql, repo, during, upAt + HEALED_WITHIN_MS);
      const runs = stack.double.checkRuns("acme-down/widgets").map((run) => run.head_sha);
      expect(runs.sort()).toEqual([headOf(MERGED_PR), headOf(CLOSED_PR)].sort());

      // Each failed delivery was asked for once, and only those.
      const asks = stack.double.requests.filter((r) => r.route === "hook-redeliver");
      expect(asks).toHaveLength(during.length);
      const claims = await sql<{ guid: string }[]>`select guid from redelivery_claims order by guid`;
      expect(claims.map((claim) => claim.guid)).toEqual(during.map((d) => d.id).sort());
      expect(restarted.map((server) => server.logs()).join("\n")).toContain("asked GitHub to redeliver");
      expect(stack.double.unexpected).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});

/** Refuses new connections to the database and ends every open one (or lets them in again). */
const cut = (database: string, on: boolean) =>
  withAdmin(async (admin) => {
    await admin.unsafe(`alter database ${database} allow_connections ${on ? "true" : "false"}`);
    if (!on) {
      await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`;
    }
  });

describe.skipIf(!onPostgres())("healing after the database was unreachable (DATABASE_URL only)", () => {
  const stack = useStack();

  it(
    "never answers 202 while PostgreSQL is gone for 60 s, and has every credit present within five minutes of its return, with no manual redelivery",
    async () => {
      const repo = repoOf(802, 9802, "acme-dbgone", "widgets");
      const during = await deliverFirstPart(stack, repo);

      await cut(stack.store.database as string, false);
      const downAt = Date.now();
      let answers: Awaited<ReturnType<Stack["double"]["sendHooks"]>> = [];
      try {
        answers = await stack.double.sendHooks(during, { spreadOverMs: OUTAGE_MS });
      } finally {
        await cut(stack.store.database as string, true);
      }
      const backAt = Date.now();
      expect(backAt - downAt).toBeGreaterThanOrEqual(OUTAGE_MS);
      // No delivery was answered 202 (stored nothing, yet accepted) at any time of the outage.
      expect(answers.map((answer) => answer.status)).not.toContain(202);
      // A delivery that could not be stored says so (5xx); one that stores nothing may answer 200.
      expect(answers.filter((answer) => answer.status !== 200 && answer.status < 500)).toEqual([]);
      const failed = during.filter((_, index) => (answers[index]?.status ?? 0) >= 500);
      expect(failed.length).toBeGreaterThanOrEqual(during.length - 2);

      await expectHealed(stack, stack.sql, repo, failed, backAt + HEALED_WITHIN_MS);
      expect(stack.double.unexpected).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
