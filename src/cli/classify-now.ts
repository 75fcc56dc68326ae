import { SingleBar } from "cli-progress";
import type { Logger } from "pino";
import type { Octokit } from "../github/octokit.js";
import { createClassifyWorker } from "../handlers/classify-worker.js";
import type { Sql } from "../store/db.js";
import { countWaiting } from "../store/inbox.js";

/**
 * Runs the classify stage here for one installation until nothing of it waits (or what is left
 * waits for GitHub), with a progress bar on a terminal. Returns how many activities it took and
 * how many still wait.
 */
export const classifyNow = async (options: {
  sql: Sql;
  octokit: Octokit;
  log: Logger;
  installationId: number;
  tty: NodeJS.WriteStream | null;
}): Promise<{ classified: number; left: number }> => {
  const { sql, octokit, log, installationId, tty } = options;
  const worker = createClassifyWorker({ sql, auth: async () => octokit, log, installationId });
  const waiting = await countWaiting(sql, installationId);
  const bar = tty
    ? new SingleBar({
        format: "classifying {bar} {value}/{total} activities | ETA {eta_formatted}",
        stream: tty,
      })
    : null;
  bar?.start(waiting, 0);
  let classified = 0;
  for (let taken = await worker.runOnce(); taken > 0; taken = await worker.runOnce()) {
    classified += taken;
    bar?.update(Math.min(classified, waiting));
  }
  bar?.stop();
  return { classified, left: await countWaiting(sql, installationId) };
};
