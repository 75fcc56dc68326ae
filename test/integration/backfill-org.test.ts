import nock from "nock";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { backfillRepositories } from "../../src/backfill/backfill-repositories.js";
import { createBackfillWorker } from "../../src/backfill/backfill-worker.js";
import { loadBackfillConfig } from "../../src/backfill/config-source.js";
import { createRequestGate } from "../../src/backfill/request-gate.js";
import { requestBackfill } from "../../src/store/backfill-runs.js";
import { classifyImported } from "../helpers/history/classify-imported.js";
import { createGraphqlDouble } from "../helpers/history/graphql-double.js";
import { mockHistoryApi } from "../helpers/history/mock-history-api.js";
import { generateHistory } from "../helpers/history/synthetic-history.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { ledgerRows } from "../helpers/ledger.js";
import { createTestProbot } from "../helpers/probot.js";
import { resetStore, storeKinds } from "../helpers/stores.js";

const silent = pino({ level: "silent" });
const SINCE = new Date("2026-01-01T00:00:00Z");

/** Three repositories of one organisation, served by one double. */
const org = () =>
  [0, 1, 2].map((orgIndex) =>
    generateHistory({
      seed: 20 + orgIndex,
      orgIndex,
      pullRequests: 8,
      issues: 6,
      commits: 4,
      discussions: 1,
    }),
  );

describe.each(storeKinds())("backfilling several repositories at once on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  const importAll = async (concurrency: number, maxInFlight: number) => {
    const histories = org();
    mockHistoryApi(createGraphqlDouble(histories));
    const octokit = await createTestProbot(store.sql).auth(histories[0]!.installationId);
    const gate = createRequestGate({ maxInFlight });
    const results = await backfillRepositories(
      {
        sql: store.sql,
        octokit,
        log: silent,
        holder: "test",
        loadConfig: loadBackfillConfig(store.sql, octokit, histories[0]!.installationId, silent),
        gate,
      },
      histories.map((history) => ({
        installationId: history.installationId,
        repoId: history.repo.id,
        repo: history.repo.fullName,
        since: SINCE,
      })),
      { concurrency },
    );
    await classifyImported(store.sql, async () => octokit);
    return { results, peak: gate.peakInFlight(), ledger: await ledgerRows(store.sql) };
  };

  it("imports each repository with its own run and gives the ledger of importing them one by one", async () => {
    const together = await importAll(3, 2);
    expect(
      together.results.map((result) => ["outcome" in result && result.outcome?.outcome, result.repo]),
    ).toEqual([
      ["finished", "acme/repo-000"],
      ["finished", "acme/repo-001"],
      ["finished", "acme/repo-002"],
    ]);
    // Three importers shared two request slots, and used both.
    expect(together.peak).toBe(2);
    expect(new Set(together.ledger.map((row) => row.repo))).toEqual(
      new Set(["acme/repo-000", "acme/repo-001", "acme/repo-002"]),
    );
    nock.cleanAll();
    await resetStore(store.sql);
    const alone = await importAll(1, 1);
    expect(alone.peak).toBe(1);
    expect(together.ledger).toEqual(alone.ledger);
  }, 120_000);

  it("lets the server's worker import several queued repositories at once", async () => {
    const histories = org();
    mockHistoryApi(createGraphqlDouble(histories));
    const probot = createTestProbot(store.sql);
    for (const history of histories) {
      await requestBackfill(store.sql, {
        installationId: history.installationId,
        repoId: history.repo.id,
        repo: history.repo.fullName,
        since: SINCE,
      });
    }
    const worker = createBackfillWorker({
      sql: store.sql,
      auth: (id) => probot.auth(id),
      log: silent,
      holder: "worker",
      concurrency: 3,
      pollMs: 50,
    });
    const holders = new Set<string>();
    let maxRunning = 0;
    worker.start();
    try {
      for (;;) {
        const runs = await store.sql<{ holder: string | null; finished: boolean }[]>`
          select holder, finished_at is not null as finished from backfill_runs
        `;
        for (const run of runs) if (run.holder && !run.finished) holders.add(run.holder);
        const running = runs.filter((run) => run.holder && !run.finished).length;
        maxRunning = Math.max(maxRunning, running);
        if (runs.every((run) => run.finished)) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await worker.stop();
    }
    await classifyImported(store.sql, (id) => probot.auth(id));
    // Three runs were under way together, all by this one process.
    expect(maxRunning).toBe(3);
    expect(holders).toEqual(new Set(["worker"]));
    expect(new Set((await ledgerRows(store.sql)).map((row) => row.repo))).toEqual(
      new Set(["acme/repo-000", "acme/repo-001", "acme/repo-002"]),
    );
  }, 120_000);
});
