import { hostname } from "node:os";
import { type Probot, run } from "probot";
import { createApp } from "./app.js";
import { createBackfillWorker } from "./backfill/backfill-worker.js";
import { parseEnv } from "./env.js";
import { GlueworkOctokit } from "./github/octokit.js";
import { createClassifyWorker } from "./handlers/classify-worker.js";
import { createLogger } from "./logger.js";
import { JOB_HANDLERS } from "./publish/job-handlers.js";
import { createOutboxWorker } from "./publish/outbox-worker.js";
import { createRecoveryWorker } from "./recover/recovery-worker.js";
import { createMonthlySchedule } from "./schedule/monthly-schedule.js";
import { openStore } from "./store/open-store.js";

/**
 * `npm start`: open the store (migrating it), then run the Probot server with Gluework loaded
 * and, beside it, the classify worker (activities whose credits wait for a GitHub read), the
 * outbox worker draining GitHub writes, the hourly monthly-report schedule, the
 * history importer (backfill) and the check of GitHub's delivery log that has failed deliveries
 * redelivered. Probot reads APP_ID,
 * PRIVATE_KEY(_PATH), WEBHOOK_SECRET, PORT, HOST, GHE_HOST and GHE_PROTOCOL.
 */
const main = async (): Promise<void> => {
  const log = createLogger();
  // A promise nobody awaited failing is a bug to log, not a reason to drop every delivery in flight.
  process.on("unhandledRejection", (reason) => {
    log.error({ err: reason instanceof Error ? reason : String(reason) }, "unhandled rejection");
  });
  const env = parseEnv(process.env);
  const store = await openStore({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.GLUEWORK_DATA_DIR,
    role: "server",
  });
  log.info({ store: store.description, dryRun: env.GLUEWORK_DRY_RUN }, "store ready");
  const background: { stop: () => Promise<void> }[] = [];
  let startRecovery = () => {};
  let recoverSoon = () => {};
  const startBackground = (app: Probot) => {
    const worker = createOutboxWorker({
      sql: store.sql,
      auth: (installationId) => app.auth(installationId),
      log: log.child({ component: "outbox" }),
      handlers: JOB_HANDLERS,
      dryRun: env.GLUEWORK_DRY_RUN,
    });
    worker.start();
    const classify = createClassifyWorker({
      sql: store.sql,
      auth: (installationId) => app.auth(installationId),
      log: log.child({ component: "classify" }),
    });
    classify.start();
    const schedule = createMonthlySchedule({
      sql: store.sql,
      auth: (installationId) => app.auth(installationId),
      log: log.child({ component: "schedule" }),
      claimant: `${hostname()}:${process.pid}`,
      dryRun: env.GLUEWORK_DRY_RUN,
    });
    schedule.start();
    const backfill = createBackfillWorker({
      sql: store.sql,
      auth: (installationId) => app.auth(installationId),
      log: log.child({ component: "backfill" }),
      holder: `${hostname()}:${process.pid}`,
    });
    backfill.start();
    const recovery = createRecoveryWorker({
      sql: store.sql,
      appClient: () => app.auth(),
      log: log.child({ component: "recover" }),
      claimant: `${hostname()}:${process.pid}`,
    });
    background.push(worker, classify, schedule, backfill, recovery);
    // Redeliveries come as soon as GitHub is asked: the log is read once the server listens.
    startRecovery = recovery.start;
    recoverSoon = recovery.checkSoon;
  };
  const app = createApp({
    sql: store.sql,
    startBackground,
    deferReads: true,
    onDeliveryFailed: () => recoverSoon(),
  });
  const server = await run(app, {
    log,
    Octokit: GlueworkOctokit,
  });
  startRecovery();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    await server.stop();
    await Promise.all(background.map((task) => task.stop()));
    await store.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
};

main().catch((error: unknown) => {
  console.error(`gluework: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
