import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import { hostname } from "node:os";
import { parseEnv as parseDotEnv } from "node:util";
import type { Logger } from "pino";
import { Probot, run } from "probot";
import { createApp } from "./app.js";
import { createBackfillWorker } from "./backfill/backfill-worker.js";
import { type Env, parseEnv } from "./env.js";
import { createAppIdentitySource } from "./github/app-identity.js";
import { GlueworkOctokit } from "./github/octokit.js";
import { createClassifyWorker } from "./handlers/classify-worker.js";
import { createTeamSyncWorker } from "./handlers/team-sync-worker.js";
import { createLogger } from "./logger.js";
import { JOB_HANDLERS } from "./publish/job-handlers.js";
import { createOutboxWorker } from "./publish/outbox-worker.js";
import { createRecoveryWorker } from "./recover/recovery-worker.js";
import { createMonthlySchedule } from "./schedule/monthly-schedule.js";
import { createGlueworkServer } from "./server/create-server.js";
import { createHealthCheck } from "./server/health-check.js";
import { EMBEDDED_HEAP_GROWING_PERCENT, limitHeapGrowth } from "./server/heap-growth.js";
import { readStartOptions, type StartOptions } from "./server/start-options.js";
import type { Sql } from "./store/db.js";
import type { DeliveryWriter } from "./store/delivery-writer.js";
import { openStore } from "./store/open-store.js";

/** Variables from `.env` in the working folder, for those the environment does not set. */
const applyDotEnv = (): void => {
  try {
    const fromFile = parseDotEnv(readFileSync(".env", "utf8"));
    for (const [name, value] of Object.entries(fromFile)) process.env[name] ??= value;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
};

/** The workers that run beside the webhooks: classify, outbox, monthly schedule, history import. */
const backgroundWork = (sql: Sql, app: Probot, log: Logger, env: Env, deliveries: DeliveryWriter) => {
  const auth = (installationId: number) => app.auth(installationId);
  // Who the app is, read from GitHub once for the process when something first needs it.
  const appIdentity = createAppIdentitySource(() => app.auth());
  const holder = `${hostname()}:${process.pid}`;
  const tasks = [
    createOutboxWorker({
      sql,
      auth,
      app: appIdentity,
      log: log.child({ component: "outbox" }),
      handlers: JOB_HANDLERS,
      dryRun: env.GLUEWORK_DRY_RUN,
    }),
    createClassifyWorker({ sql, auth, log: log.child({ component: "classify" }), deliveries }),
    createMonthlySchedule({
      sql,
      auth,
      app: appIdentity,
      log: log.child({ component: "schedule" }),
      claimant: holder,
      dryRun: env.GLUEWORK_DRY_RUN,
    }),
    createBackfillWorker({ sql, auth, log: log.child({ component: "backfill" }), holder }),
  ];
  for (const task of tasks) task.start();
  return tasks;
};

/**
 * Probot's setup wizard registers the app from app.yml and writes its credentials to `.env`.
 * Until then no webhook is taken: Probot's middleware listens on a random path with a random
 * secret (never Probot's default), and the webhook path reads no body and answers 404.
 */
const runSetupWizard = async (log: Logger): Promise<void> => {
  const unguessable = randomBytes(32).toString("hex");
  await run(() => {}, {
    log,
    env: {
      ...process.env,
      WEBHOOK_SECRET: unguessable,
      WEBHOOK_PATH: `/setup-takes-no-webhooks/${unguessable}`,
    },
  });
};

const listen = (server: Server, port: number, host: string): Promise<void> =>
  new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });

/**
 * `npm start`:
 * 1. read `.env`, and refuse to start (one line, exit 1) without a webhook secret or a usable
 *    private key when APP_ID is set; without APP_ID, run Probot's setup wizard instead;
 * 2. open the store (migrating it);
 * 3. serve the webhooks, `/ping` and `/healthz`, with the workers running beside them, and once
 *    listening check GitHub's delivery log for deliveries to have redelivered;
 * 4. on SIGTERM or SIGINT, stop taking requests, let the workers finish, close the store.
 */
const main = async (): Promise<void> => {
  const log = createLogger();
  // A promise nobody awaited failing is a bug to log, not a reason to drop every delivery in flight.
  process.on("unhandledRejection", (reason) => {
    log.error({ err: reason instanceof Error ? reason : String(reason) }, "unhandled rejection");
  });
  applyDotEnv();
  const start: StartOptions = readStartOptions(process.env);
  if (start.mode === "setup") return runSetupWizard(log);
  const env = parseEnv(process.env);

  // PostgreSQL runs inside this process when there is no DATABASE_URL: the heap gives it room.
  if (!env.DATABASE_URL) limitHeapGrowth(EMBEDDED_HEAP_GROWING_PERCENT);
  const store = await openStore({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.GLUEWORK_DATA_DIR,
    role: "server",
  });
  log.info({ store: store.description, dryRun: env.GLUEWORK_DRY_RUN }, "store ready");

  const probot = new Probot({
    appId: start.appId,
    privateKey: start.privateKey,
    secret: start.secret,
    log,
    Octokit: GlueworkOctokit,
    ...(start.baseUrl ? { baseUrl: start.baseUrl } : {}),
  });
  const background: { stop: () => Promise<void> }[] = [];
  // Heals from GitHub's delivery log: started once the server listens, since GitHub redelivers
  // as soon as it is asked; soon after a delivery failed here, too.
  const recovery = createRecoveryWorker({
    sql: store.sql,
    appClient: () => probot.auth(),
    log: log.child({ component: "recover" }),
    claimant: `${hostname()}:${process.pid}`,
  });
  background.push(recovery);
  // Reads the organisations' teams: on install, when a team event asks, and daily.
  const teamSync = createTeamSyncWorker({
    sql: store.sql,
    auth: (installationId) => probot.auth(installationId),
    log: log.child({ component: "teams" }),
  });
  background.push(teamSync);
  const app = createApp({
    sql: store.sql,
    log: log.child({ name: "webhooks" }),
    onDeliveryFailed: recovery.checkSoon,
    onTeamsDue: teamSync.wake,
  });
  background.push(...backgroundWork(store.sql, probot, log, env, app.writer));
  teamSync.start();
  const health = createHealthCheck({
    sql: store.sql,
    readApp: async (signal) => (await probot.auth()).request("GET /app", { request: { signal } }),
  });
  const server = createGlueworkServer({ app, secret: start.secret, health, log });
  const port = Number(process.env.PORT) || 3000;
  const host = process.env.HOST || "localhost";
  await listen(server, port, host);
  log.info(`Listening on http://${host}:${port}`);
  recovery.start();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    await new Promise((resolve) => server.close(resolve));
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
