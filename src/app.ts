import type { ApplicationFunction, Probot } from "probot";
import { requestInstallationBackfill } from "./backfill/request-installation-backfill.js";
import { INGESTED_EVENTS } from "./events/normalize.js";
import { handleCommand } from "./handlers/commands.js";
import { createIngestReuse, ingestDelivery } from "./handlers/ingest-delivery.js";
import { forgetInstallation, rememberInstallation } from "./handlers/installation.js";
import { handleRepositoryChange } from "./handlers/repository-change.js";
import type { Sql } from "./store/db.js";

export type AppDeps = {
  sql: Sql;
  /** Starts the work beside the webhooks: the classify stage, the outbox, the monthly schedule. */
  startBackground?: (app: Probot) => void;
};

/** The Probot app: webhooks wired to handlers, nothing else. */
export const createApp =
  ({ sql, startBackground }: AppDeps): ApplicationFunction =>
  (app) => {
    const reuse = createIngestReuse(sql);
    app.on(INGESTED_EVENTS as Parameters<typeof app.on>[0], (context) => ingestDelivery(context, reuse));
    app.on("issue_comment.created", (context) => handleCommand(sql, context));
    app.on("repository", (context) => handleRepositoryChange(sql, context));
    app.on("installation.created", (context) => rememberInstallation(sql, context));
    app.on("installation.deleted", (context) => forgetInstallation(sql, context));
    app.on(["installation.created", "installation_repositories.added"], (context) =>
      requestInstallationBackfill(sql, context),
    );
    startBackground?.(app);
  };
