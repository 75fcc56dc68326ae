import type { Context } from "probot";
import { configChange } from "../events/config-change.js";
import { normalize } from "../events/normalize.js";
import { touchedPullRequest } from "../events/pull-request-facts.js";
import type { Sql } from "../store/db.js";
import { createDeliveryWriter, type DeliveryWriter } from "../store/delivery-writer.js";
import { inboxKey } from "../store/inbox.js";
import type { DeliveryEffects } from "../store/record-credits.js";
import { refreshEffects } from "./delivery-effects.js";
import { dependencyEffects } from "./dependency-effects.js";

const startOfPreviousMonth = (now: Date): Date =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));

/** What the deliveries one app handles share: the transactions they are written in. */
export type IngestReuse = { writer: DeliveryWriter };

export const createIngestReuse = (sql: Sql): IngestReuse => ({ writer: createDeliveryWriter(sql) });

/**
 * One webhook delivery into the inbox: its activities (from `events/`, the only payload parser)
 * and the pull request facts it carries are written in one transaction with the delivery's id,
 * and only then is it answered. Nothing here reads config or asks GitHub: the classify stage
 * turns the activities into credits. A delivery about a pull request that gave no activity
 * (opened, edited, a new head) refreshes its check run at once. A payload Gluework cannot read is
 * logged and skipped (2xx); a store failure is thrown, so the delivery answers 5xx.
 */
export const ingestDelivery = async (context: Context, { writer }: IngestReuse): Promise<void> => {
  const normalised = normalize(context.name, context.payload);
  if (!normalised.ok) {
    if (normalised.reason === "malformed-payload") {
      context.log.warn(
        { event: context.name, delivery: context.id, detail: normalised.detail },
        "payload skipped: fields missing or malformed",
      );
    }
    return;
  }
  const { activities } = normalised;
  const touched = touchedPullRequest(context.name, context.payload);
  const changed = configChange(context.name, context.payload);
  // The current and the previous month are credited again with the new config.
  const forgetConfig = changed && { ...changed, since: startOfPreviousMonth(new Date()) };
  const installationId =
    activities[0]?.installationId ?? touched?.pr.installationId ?? forgetConfig?.installationId;
  if (installationId === undefined) return;
  const effects: DeliveryEffects = {
    ...(touched && activities.length === 0 ? refreshEffects(touched.pr, touched.facts?.merged ?? false) : {}),
    pullRequests: touched?.facts ? [touched.facts] : [],
    ...(touched?.readyAt ? { readySeen: { ...touched.pr, readyAt: touched.readyAt } } : {}),
    ...(forgetConfig ? { forgetConfig } : {}),
  };
  // "Blocked by" records, and issues closed or reopened, are kept as they arrive: closing a
  // blocking issue is credited from them when it is classified.
  const dependencies = dependencyEffects(activities);
  if (dependencies) effects.dependencies = dependencies;
  await writer.record({
    delivery: { installationId, deliveryId: context.id, event: `${context.name}` },
    inbox: activities.map((activity, index) => ({
      installationId,
      key: inboxKey(context.id, index),
      deliveryId: context.id,
      activity,
    })),
    credits: [],
    effects,
  });
  context.log.info(
    {
      event: context.name,
      delivery: context.id,
      installation: installationId,
      activities: activities.length,
    },
    "delivery recorded",
  );
};
