import type { Logger } from "pino";
import { requestInstallationBackfill } from "./backfill/request-installation-backfill.js";
import { INGESTED_EVENTS } from "./events/normalize.js";
import { TEAM_EVENTS } from "./events/team-change.js";
import { handleCommand } from "./handlers/commands.js";
import { DELIVERY_DEADLINE_MS, withinDeadline } from "./handlers/deadline.js";
import type { Delivery, WebhookEvent } from "./handlers/delivery.js";
import { ingestDelivery } from "./handlers/ingest-delivery.js";
import { forgetInstallation, rememberInstallation } from "./handlers/installation.js";
import { handleRepositoryChange } from "./handlers/repository-change.js";
import { handleTeamChange } from "./handlers/team-change.js";
import type { Sql } from "./store/db.js";
import { createDeliveryWriter, type DeliveryWriter } from "./store/delivery-writer.js";

export type AppDeps = {
  sql: Sql;
  log: Logger;
  /** Where deliveries are written (shared with the classify stage, which yields to it). */
  writer?: DeliveryWriter;
  /** A delivery failed (it answers 5xx): recovery should look at GitHub's delivery log soon. */
  onDeliveryFailed?: () => void;
  /** An installation or a team event may have left teams to read from GitHub: the team sync should look soon. */
  onTeamsDue?: () => void;
};

type Handler = (delivery: Delivery) => Promise<unknown>;

/** The handlers of `name` (`issues`) and of `name.action` (`issues.opened`), in the table's order. */
const handlersOf = (table: readonly [readonly string[], Handler][], event: WebhookEvent): Handler[] => {
  const action = (event.payload as { action?: unknown } | null)?.action;
  const keys = [event.name, ...(typeof action === "string" ? [`${event.name}.${action}`] : [])];
  return table.filter(([events]) => keys.some((key) => events.includes(key))).map(([, handler]) => handler);
};

/**
 * The webhook side of Gluework: which handler takes which event. `receive` takes a delivery the
 * server has verified and parsed, runs its handlers together, and settles once they all have
 * stored what they keep; it fails (so the delivery answers 5xx and GitHub redelivers it) if one
 * of them failed, or did not finish within the deadline.
 */
export const createApp = ({
  sql,
  log,
  writer = createDeliveryWriter(sql),
  onDeliveryFailed = () => {},
  onTeamsDue = () => {},
}: AppDeps) => {
  const table: [readonly string[], Handler][] = [
    [INGESTED_EVENTS, (delivery) => ingestDelivery(delivery, writer)],
    [["issue_comment.created"], (delivery) => handleCommand(sql, delivery)],
    [["repository"], (delivery) => handleRepositoryChange(sql, delivery)],
    [
      TEAM_EVENTS,
      async (delivery) => {
        await handleTeamChange(sql, delivery);
        onTeamsDue();
      },
    ],
    [
      ["installation.created"],
      async (delivery) => {
        await rememberInstallation(sql, delivery);
        onTeamsDue();
      },
    ],
    [["installation.deleted"], (delivery) => forgetInstallation(sql, delivery)],
    [
      ["installation.created", "installation_repositories.added"],
      (delivery) => requestInstallationBackfill(sql, delivery),
    ],
  ];

  const receive = async (event: WebhookEvent): Promise<void> => {
    const handlers = handlersOf(table, event);
    if (handlers.length === 0) return;
    // Made when first used: most deliveries log nothing, and a child logger per delivery showed
    // in the server's profile under load.
    let child: Logger | undefined;
    const delivery: Delivery = {
      ...event,
      get log() {
        child ??= log.child({ delivery: event.id, event: event.name });
        return child;
      },
    };
    const outcomes = await Promise.allSettled(
      handlers.map((handler) =>
        withinDeadline(DELIVERY_DEADLINE_MS, "storing the delivery", () => handler(delivery)),
      ),
    );
    const errors = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason] : []));
    if (errors.length === 0) return;
    onDeliveryFailed();
    throw errors.length === 1 ? errors[0] : new AggregateError(errors, "handlers of the delivery failed");
  };

  return { receive, writer };
};

export type GlueworkApp = ReturnType<typeof createApp>;
