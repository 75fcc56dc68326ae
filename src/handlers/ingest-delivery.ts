import { configChange } from "../events/config-change.js";
import { normalize } from "../events/normalize.js";
import { touchedPullRequest } from "../events/pull-request-facts.js";
import type { DeliveryWriter } from "../store/delivery-writer.js";
import { inboxKey } from "../store/inbox.js";
import type { DeliveryEffects } from "../store/record-credits.js";
import type { Delivery } from "./delivery.js";
import { refreshEffects } from "./delivery-effects.js";
import { dependencyEffects } from "./dependency-effects.js";

const startOfPreviousMonth = (now: Date): Date =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));

/**
 * One webhook delivery into the inbox: its activities (from `events/`, the only payload parser)
 * and the pull request facts it carries are written in one transaction with the delivery's id,
 * and only then is it answered. Nothing here reads config or asks GitHub: the classify stage
 * turns the activities into credits. A delivery about a pull request that gave no activity
 * (opened, edited, a new head) refreshes its check run at once. A payload Gluework cannot read is
 * logged and skipped (2xx); a store failure is thrown, so the delivery answers 5xx.
 */
export const ingestDelivery = async (delivery: Delivery, writer: DeliveryWriter): Promise<void> => {
  const normalised = normalize(delivery.name, delivery.payload);
  if (!normalised.ok) {
    if (normalised.reason === "malformed-payload") {
      delivery.log.warn({ detail: normalised.detail }, "payload skipped: fields missing or malformed");
    }
    return;
  }
  const { activities } = normalised;
  const touched = touchedPullRequest(delivery.name, delivery.payload);
  const changed = configChange(delivery.name, delivery.payload);
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
    delivery: { installationId, deliveryId: delivery.id, event: `${delivery.name}` },
    inbox: activities.map((activity, index) => ({
      installationId,
      key: inboxKey(delivery.id, index),
      deliveryId: delivery.id,
      activity,
    })),
    credits: [],
    effects,
  });
  // A line per delivery is noise at any volume (GitHub keeps the delivery log): debug only. What
  // needs attention (a payload skipped, a delivery not stored) is logged as a warning or error.
  delivery.log.debug({ installation: installationId, activities: activities.length }, "delivery recorded");
};
