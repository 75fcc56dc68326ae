/**
 * The ingest benchmark's baseline: a bare Probot app of the same Probot version, started the same
 * way as Gluework (`run`, the same env: APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, PORT, HOST, LOG_LEVEL),
 * verifying the same signatures, whose handler does nothing.
 */
import { run } from "probot";
import { createLogger } from "../src/logger.js";

await run(
  (app) => {
    app.onAny(async () => {});
  },
  { log: createLogger() },
);
