import nock from "nock";
import { pino } from "pino";
import type { Probot } from "probot";
import { describe, expect, it } from "vitest";
import { createBackfillWorker } from "../../src/backfill/backfill-worker.js";
import type { Sql } from "../../src/store/db.js";
import { countJobs } from "../../src/store/outbox.js";
import { classifyImported } from "../helpers/history/classify-imported.js";
import { ledgerMonth, smallHistory } from "../helpers/history/fixtures.js";
import { createGraphqlDouble } from "../helpers/history/graphql-double.js";
import { importHistory } from "../helpers/history/import-history.js";
import { mockHistoryApi, mockWebhookReads } from "../helpers/history/mock-history-api.js";
import { generateHistory, type History } from "../helpers/history/synthetic-history.js";
import { webhookDeliveries } from "../helpers/history/webhook-replay.js";
import { webhooksThenBackfill } from "../helpers/history/webhooks-then-backfill.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { dependencyRows, ledgerRows } from "../helpers/ledger.js";
import { createTestProbot, receive } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";

const SINCE = new Date("2026-01-01T00:00:00Z");
const silent = pino({ level: "silent" });

const backfill = (store: { sql: Sql }, history: History) => importHistory(store, history, SINCE);

/** Thirty days of one repository's history, up to now. */
const recentHistory = (seed: number) =>
  generateHistory({ seed, pullRequests: 12, issues: 8, end: new Date().toISOString(), days: 30 });

/** The app installed on `history`'s repository, as GitHub's webhook says it. */
const install = (probot: Probot, history: History) =>
  receive(probot, "installation", {
    action: "created",
    installation: { id: history.installationId, account: { login: history.repo.owner } },
    repositories: [
      { id: history.repo.id, name: history.repo.name, full_name: history.repo.fullName, private: false },
    ],
    sender: { login: "mona", id: 1000 },
  });

/** Has the background worker import the one queued run, then the classify stage credit it. */
const importQueuedRun = async (sql: Sql, probot: Probot) => {
  const worker = createBackfillWorker({ sql, auth: (id) => probot.auth(id), log: silent, holder: "worker" });
  expect(await worker.drain()).toBe(1);
  await classifyImported(sql, (id) => probot.auth(id));
};

describe.each(storeKinds())("backfill and webhooks agree on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  it("gives the same ledger, rule by rule, from a month's backfill as from the month's webhooks", async () => {
    const history = ledgerMonth();
    mockWebhookReads(history);
    const { webhooks, backfill: imported } = await webhooksThenBackfill(store, history, SINCE, "replay");

    expect(imported.outcome).toMatchObject({ outcome: "finished" });
    expect(webhooks.ledger.length).toBeGreaterThan(300);
    const rules = [...new Set(webhooks.ledger.map((row) => String(row.rule)))].sort();
    expect(rules.length).toBeGreaterThan(20);
    // Pushes to someone else's PR branch, and direct pushes whose merged PR GitHub names.
    expect(rules).toEqual(expect.arrayContaining(["unblock.push", "docs.push"]));
    const ofRule = (rows: Record<string, unknown>[], rule: string) => rows.filter((row) => row.rule === rule);
    // Sub-issues, dependencies (and closing a blocker), issue types: from GraphQL's timeline too.
    const planning = ["planning.sub-issue", "planning.dependency", "unblock.dependency", "triage.type"];
    for (const rule of planning) expect([rule, ofRule(webhooks.ledger, rule).length]).not.toEqual([rule, 0]);
    for (const rule of rules)
      expect([rule, ofRule(imported.ledger, rule)]).toEqual([rule, ofRule(webhooks.ledger, rule)]);
    expect(imported.ledger).toEqual(webhooks.ledger);
    // The "blocked by" records stay as the webhooks left them, for closes after the import.
    expect(webhooks.dependencies.length).toBeGreaterThan(0);
    expect(await dependencyRows(store.sql)).toEqual(webhooks.dependencies);
  }, 120_000);

  it("keeps one credit when a review came by webhook and the backfill reads the same PR", async () => {
    const history = smallHistory({ seed: 3, pullRequests: 1 });
    const pr = history.pullRequests[0]!;
    pr.author = history.members[0]!;
    pr.reviews = [
      {
        ...pr.reviews[0]!,
        ...{ id: 4_100_000_001, author: history.members[1]!, comments: [], state: "APPROVED", body: "Good." },
      },
    ];
    pr.comments = [];
    pr.events = [];
    const review = webhookDeliveries(history).find((delivery) => delivery.name === "pull_request_review");
    mockWebhookReads(history);
    await receive(createTestProbot(store.sql), review!.name, review!.payload, "review-1");
    const before = await ledgerRows(store.sql);
    expect(before.filter((row) => row.source_key === "review:4100000001")).toHaveLength(1);
    nock.cleanAll();

    // The config read for the webhook is cached: the backfill asks GitHub for no config.
    mockHistoryApi(createGraphqlDouble(history), { config: false });
    await backfill(store, history);
    const after = await ledgerRows(store.sql);
    expect(after.filter((row) => row.source_key === "review:4100000001")).toEqual(
      before.filter((row) => row.source_key === "review:4100000001"),
    );
    expect(after.filter((row) => String(row.source_key).startsWith("review:"))).toHaveLength(1);
  });

  it("queues a backfill on installation and imports it in the background, writing nothing to GitHub", async () => {
    const history = recentHistory(5);
    const probot = createTestProbot(store.sql);
    await install(probot, history);
    const [queued] = await store.sql`select repo, since, finished_at from backfill_runs`;
    expect(queued).toMatchObject({ repo: history.repo.fullName, since: null, finished_at: null });
    expect(await ledgerRows(store.sql)).toEqual([]);

    mockHistoryApi(createGraphqlDouble(history));
    await importQueuedRun(store.sql, probot);
    const [run] = await store.sql`select since, finished_at, items from backfill_runs`;
    expect(run?.finished_at).not.toBeNull();
    expect(Date.now() - (run!.since as Date).getTime()).toBeGreaterThan(89 * 86_400_000);
    expect((await ledgerRows(store.sql)).length).toBeGreaterThan(0);
    expect(await countJobs(store.sql)).toBe(0);
  });

  it("imports only the repository's backfill.days of history", async () => {
    const history = recentHistory(6);
    nock("https://api.github.com")
      .persist()
      .get(/^\/repos\/[^/]+\/[^/]+\/contents\/\.github%2Fgluework\.yml/)
      .reply(200, "backfill:\n  days: 10\n", {
        "content-type": "application/vnd.github.v3.raw; charset=utf-8",
      });
    const probot = createTestProbot(store.sql);
    await install(probot, history);
    mockHistoryApi(createGraphqlDouble(history), { config: false });
    await importQueuedRun(store.sql, probot);
    const [run] = await store.sql`select since from backfill_runs`;
    const days = (Date.now() - (run!.since as Date).getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(9.9);
    expect(days).toBeLessThan(10.1);
    const rows = await ledgerRows(store.sql);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => (row.occurred_at as Date) >= (run!.since as Date))).toBe(true);
  });
});
