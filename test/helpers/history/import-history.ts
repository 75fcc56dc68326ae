import { pino } from "pino";
import { loadBackfillConfig } from "../../../src/backfill/config-source.js";
import { type BackfillDeps, backfillRepository } from "../../../src/backfill/run-backfill.js";
import type { Sql } from "../../../src/store/db.js";
import { createTestProbot } from "../probot.js";
import { classifyImported } from "./classify-imported.js";
import type { History } from "./history-types.js";

const silent = pino({ level: "silent" });

/** What a test may set of the importer's dependencies; the rest are the production ones. */
export type ImportOptions = Partial<
  Pick<BackfillDeps, "holder" | "clock" | "onProgress" | "onRateLimit" | "sizer">
>;

/**
 * Imports `history` since `since` through the backfill, as a GitHub App installation would, then
 * runs the classify stage (the server runs it beside the importer), also after a failed import.
 */
export const importHistory = async (
  store: { sql: Sql },
  history: History,
  since: Date,
  options: ImportOptions = {},
) => {
  const probot = createTestProbot(store.sql);
  const octokit = await probot.auth(history.installationId);
  const set = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  try {
    return await backfillRepository(
      {
        sql: store.sql,
        octokit,
        log: silent,
        holder: "test",
        loadConfig: loadBackfillConfig(store.sql, octokit, history.installationId, silent),
        ...set,
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
