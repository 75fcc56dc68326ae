import { pino } from "pino";
import { loadBackfillConfig } from "../../../src/backfill/config-source.js";
import { backfillRepository } from "../../../src/backfill/run-backfill.js";
import { createTestProbot } from "../probot.js";
import type { TestStore } from "../stores.js";
import { classifyImported } from "./classify-imported.js";
import type { History } from "./history-types.js";

const silent = pino({ level: "silent" });

/**
 * Imports `history` since `since` through the backfill, as a GitHub App installation would, then
 * runs the classify stage (the server runs it beside the importer), also after a failed import.
 */
export const importHistory = async (store: TestStore, history: History, since: Date) => {
  const probot = createTestProbot(store.sql);
  const octokit = await probot.auth(history.installationId);
  try {
    return await backfillRepository(
      {
        sql: store.sql,
        octokit,
        log: silent,
        holder: "test",
        loadConfig: loadBackfillConfig(store.sql, octokit, history.installationId, silent),
      },
      {
        installationId: history.installationId,
        repoId: history.repo.id,
        repo: history.repo.fullName,
        since,
      },
    );
  } finally {
    await classifyImported(store.sql, (id) => probot.auth(id));
  }
};
