/**
 * The ingest benchmark's baseline: a bare Probot app of the same Probot version, started the same
 * way as Gluework (`run`, the same env: APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, PORT, HOST, LOG_LEVEL),
 * verifying the same signatures, whose handler does nothing.
 */
import { run } from "probot";
import { createLogger } from "../src/logger.js";

// Stopped by the benchmark with SIGTERM: exiting (as Gluework's server does) lets `--cpu-prof`
// (BENCH_CPU_PROF) write this server's profile, which a process killed by the signal never does.
process.on("SIGTERM", () => process.exit(0));

await run(
  (app) => {
    app.onAny(async () => {});
  },
  { log: createLogger() },
);
