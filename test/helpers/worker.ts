import { pino } from "pino";
import type { Probot } from "probot";
import { createAppIdentitySource } from "../../src/github/app-identity.js";
import { JOB_HANDLERS } from "../../src/publish/job-handlers.js";
import { createOutboxWorker } from "../../src/publish/outbox-worker.js";
import type { Sql } from "../../src/store/db.js";

/** An outbox worker authenticating through the test Probot; `drain()` also runs delayed jobs. */
export const testWorker = (probot: Probot, sql: Sql, dryRun = false) => {
  const worker = createOutboxWorker({
    sql,
    auth: (installationId) => probot.auth(installationId),
    app: createAppIdentitySource(() => probot.auth()),
    log: pino({ level: "silent" }),
    handlers: JOB_HANDLERS,
    dryRun,
  });
  return { ...worker, drain: () => worker.drain(60_000) };
};
