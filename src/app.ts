import type { ApplicationFunction, Probot } from "probot";
import { requestInstallationBackfill } from "./backfill/request-installation-backfill.js";
import { INGESTED_EVENTS } from "./events/normalize.js";
import { TEAM_EVENTS } from "./events/team-change.js";
import { handleCommand } from "./handlers/commands.js";
import { DELIVERY_DEADLINE_MS, withinDeadline } from "./handlers/deadline.js";
import { createIngestReuse, ingestDelivery } from "./handlers/ingest-delivery.js";
import { forgetInstallation, rememberInstallation } from "./handlers/installation.js";
import { handleRepositoryChange } from "./handlers/repository-change.js";
import { handleTeamChange } from "./handlers/team-change.js";
import type { Sql } from "./store/db.js";

export type AppDeps = {
  sql: Sql;
  /** Starts the work beside the webhooks: the classify stage, the outbox, the monthly schedule. */
  startBackground?: (app: Probot) => void;
  /** A delivery failed (it answers 5xx): recovery should look at GitHub's delivery log soon. */
  onDeliveryFailed?: () => void;
  /** An installation or a team event may have left teams to read from GitHub: the team sync should look soon. */
  onTeamsDue?: () => void;
};

/**
 * A handler that fails (so the delivery answers 5xx) rather than outlive GitHub's patience, and
 * says so through `failed`.
 */
const boundedWith =
  (failed: () => void) =>
  <C>(handler: (context: C) => Promise<unknown>) =>
  async (context: C): Promise<void> => {
    try {
      await withinDeadline(DELIVERY_DEADLINE_MS, "storing the delivery", () => handler(context));
    } catch (error) {
      failed();
      throw error;
    }
  };

/** The Probot app: webhooks wired to handlers, nothing else. */
export const createApp =
  ({
    sql,
    startBackground,
    onDeliveryFailed = () => {},
    onTeamsDue = () => {},
  }: AppDeps): ApplicationFunction =>
  (app) => {
    const bounded = boundedWith(onDeliveryFailed);
    const reuse = createIngestReuse(sql);
    app.on(
      INGESTED_EVENTS as Parameters<typeof app.on>[0],
      bounded((context) => ingestDelivery(context, reuse)),
    );
    app.on(
      "issue_comment.created",
      bounded((context) => handleCommand(sql, context)),
    );
    app.on(
      "repository",
      bounded((context) => handleRepositoryChange(sql, context)),
    );
    app.on(
      [...TEAM_EVENTS],
      bounded(async (context) => {
        await handleTeamChange(sql, context);
        onTeamsDue();
      }),
    );
    app.on(
      "installation.created",
      bounded(async (context) => {
        await rememberInstallation(sql, context);
        onTeamsDue();
      }),
    );
    app.on(
      "installation.deleted",
      bounded((context) => forgetInstallation(sql, context)),
    );
    app.on(
      ["installation.created", "installation_repositories.added"],
      bounded((context) => requestInstallationBackfill(sql, context)),
    );
    startBackground?.(app);
  };
