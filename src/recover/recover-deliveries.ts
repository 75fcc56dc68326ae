import type { Logger } from "pino";
import type { ProbotOctokit } from "probot";
import type { Sql } from "../store/db.js";
import { claimRedeliveries } from "../store/redelivery-claims.js";
import { failedDeliveries, readDeliveryLog } from "./delivery-log.js";

type Octokit = InstanceType<typeof ProbotOctokit>;

export type RecoveryOptions = {
  sql: Sql;
  /** A client authenticated as the app (JWT): the delivery log is the app's. */
  octokit: Octokit;
  log: Pick<Logger, "info" | "warn">;
  /** Who asks, for the claim row: host and process. */
  claimant: string;
};

/**
 * One look at GitHub's delivery log back to `since`: every delivery GitHub could not hand over
 * and the inbox does not hold is claimed (so one replica asks, once per failed attempt) and
 * GitHub is asked to deliver it again. Returns the guids asked for.
 */
export const recoverDeliveries = async (options: RecoveryOptions, since: number): Promise<string[]> => {
  const { sql, octokit, log, claimant } = options;
  const attempts = await readDeliveryLog(octokit, since);
  const failed = failedDeliveries(attempts);
  const claimed = new Set((await claimRedeliveries(sql, failed, claimant)).map((delivery) => delivery.guid));
  const asked: string[] = [];
  for (const delivery of failed.filter((candidate) => claimed.has(candidate.guid))) {
    try {
      await octokit.request("POST /app/hook/deliveries/{delivery_id}/attempts", {
        delivery_id: delivery.attemptId,
      });
      asked.push(delivery.guid);
    } catch (error) {
      log.warn(
        { err: error, guid: delivery.guid, event: delivery.event },
        "GitHub would not redeliver a failed delivery",
      );
    }
  }
  if (failed.length > 0 || asked.length > 0) {
    log.info(
      { checked: attempts.length, failed: failed.length, asked: asked.length, deliveries: asked },
      "asked GitHub to redeliver the deliveries it could not hand over",
    );
  }
  return asked;
};
