import { pino } from "pino";
import { Probot } from "probot";
import { describe, expect, it } from "vitest";
import { createBackfillWorker } from "../../src/backfill/backfill-worker.js";
import { requestBackfill } from "../../src/store/backfill-runs.js";
import { OctokitWithBlockedWriteLane } from "../helpers/blocked-write-lane.js";
import { createGraphqlDouble } from "../helpers/history/graphql-double.js";
import { mockHistoryApi } from "../helpers/history/mock-history-api.js";
import { generateHistory } from "../helpers/history/synthetic-history.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { storeKinds } from "../helpers/stores.js";

describe.each(storeKinds())("the server's history import on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  it("sends its queries past the throttling lane kept for writes (shared with the outbox, a second apart)", async () => {
    const history = generateHistory({ seed: 12, pullRequests: 6, issues: 4, commits: 2, days: 30 });
    const double = createGraphqlDouble(history);
    mockHistoryApi(double);
    const octokit = await new Probot({
      githubToken: "test-token",
      Octokit: OctokitWithBlockedWriteLane,
      log: pino({ level: "silent" }),
    }).auth();
    await requestBackfill(store.sql, {
      installationId: history.installationId,
      repoId: history.repo.id,
      repo: history.repo.fullName,
      since: new Date("2000-01-01"),
    });
    const worker = createBackfillWorker({
      sql: store.sql,
      auth: async () => octokit,
      log: pino({ level: "silent" }),
      holder: "worker",
    });
    // Through the write lane, the first query would never be sent and this would never end.
    expect(await worker.drain()).toBe(1);
    const [run] = await store.sql`select finished_at, items from backfill_runs`;
    expect(run?.finished_at).not.toBeNull();
    expect(double.stats.requests).toBeGreaterThan(0);
  });
});
