import { pino } from "pino";
import type { Octokit } from "../../../src/github/octokit.js";
import { createClassifyWorker } from "../../../src/handlers/classify-worker.js";
import type { Sql } from "../../../src/store/db.js";

/**
 * Runs the classify stage until nothing waits, as the server's does beside its importer: history's
 * activities become credits there, like a webhook's.
 */
export const classifyImported = async (
  sql: Sql,
  auth: (installationId: number) => Promise<Octokit>,
): Promise<number> => {
  const worker = createClassifyWorker({ sql, auth, log: pino({ level: "silent" }) });
  let classified = 0;
  for (let taken = await worker.runOnce(); taken > 0; taken = await worker.runOnce()) classified += taken;
  return classified;
};
