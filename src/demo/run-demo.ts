import { generateKeyPairSync } from "node:crypto";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { createApp } from "../app.js";
import type { AppIdentity, AppIdentitySource } from "../github/app-identity.js";
import type { Octokit } from "../github/octokit.js";
import type { UnexpectedRequest } from "../github-double/start-github-double.js";
import { createClassifyWorker } from "../handlers/classify-worker.js";
import { createTeamSyncWorker } from "../handlers/team-sync-worker.js";
import { type Report, summarize } from "../report/summarize.js";
import type { Sql } from "../store/db.js";
import { saveInstallation } from "../store/installations.js";
import { dropJobs } from "../store/outbox.js";
import { queryCredits } from "../store/query-credits.js";
import { buildDemoMonth, type DemoMonth } from "./dataset.js";
import { startDemoGitHub } from "./start-demo-github.js";

export type DemoResult = {
  report: Report;
  month: DemoMonth;
  /** How many API requests the app made to the GitHub double. */
  requests: number;
  /** Requests the double had no answer for (it said 404): empty unless the app asks GitHub something new. */
  unexpected: UnexpectedRequest[];
};

/** A throwaway app key: the double accepts any signed JWT, and nothing leaves the machine. */
const throwawayPrivateKey = (): string =>
  generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  }).privateKey;

/** A Probot pointed at the double, with retries and throttling off (the double never fails). */
const demoProbot = (baseUrl: string): Probot =>
  new Probot({
    appId: 1,
    privateKey: throwawayPrivateKey(),
    baseUrl,
    log: pino({ level: "silent" }),
    Octokit: ProbotOctokit.defaults((options: Record<string, unknown>) => ({
      ...options,
      retry: { enabled: false },
      throttle: { enabled: false },
    })),
  });

/** The app the demo's double stands in for (its items carry this bot's login). */
const DEMO_APP: AppIdentity = { id: 1, slug: "gluework", botLogin: "gluework[bot]" };

/**
 * Runs `work` with the demo installation's GitHub client, answered by the local double: how
 * `gluework publish --dry-run` and the preview reach "GitHub" for the demo installation, offline.
 */
export const withDemoGitHub = async <T>(
  work: (github: { octokit: Octokit; app: AppIdentitySource }) => Promise<T>,
): Promise<T> => {
  const month = buildDemoMonth();
  const double = await startDemoGitHub(month);
  try {
    const octokit = await demoProbot(double.url).auth(month.installationId);
    return await work({ octokit, app: async () => DEMO_APP });
  } finally {
    await double.stop();
  }
};

/**
 * Delivers every webhook of the month to the app, one at a time, in the order GitHub sent them,
 * each taken by the classify stage before the next, as a server's worker keeps up.
 */
const replay = async (probot: Probot, sql: Sql, month: DemoMonth): Promise<void> => {
  const app = createApp({ sql, log: pino({ level: "silent" }) });
  const classify = createClassifyWorker({
    sql,
    auth: (installationId) => probot.auth(installationId),
    log: pino({ level: "silent" }),
  });
  for (const delivery of month.deliveries) {
    await app.receive(delivery);
    await classify.drain();
  }
};

/**
 * `gluework demo`: replays the bundled month through the real app into `sql`, offline (GitHub
 * is a local double), and reports the month's credits. Idempotent: a second run stores nothing
 * new and gives the same report.
 */
export const runDemo = async ({ sql }: { sql: Sql }): Promise<DemoResult> => {
  const month = buildDemoMonth();
  const double = await startDemoGitHub(month);
  try {
    const probot = demoProbot(double.url);
    await replay(probot, sql, month);
    // The organisation's teams, read as the server's team sync reads them (for this installation only).
    await saveInstallation(sql, { id: month.installationId, accountLogin: month.org, accountId: null });
    await createTeamSyncWorker({
      sql,
      auth: (installationId) => probot.auth(installationId),
      log: pino({ level: "silent" }),
    }).syncInstallation({ installationId: month.installationId, org: month.org });
  } finally {
    await double.stop();
  }
  // The fictional org's check runs and comments are never posted: drop them from the outbox so
  // a server started on this store later does not try to.
  await dropJobs(sql, month.installationId);
  const window = { installationId: month.installationId, since: month.since, until: month.until };
  const rows = await queryCredits(sql, window);
  const report = summarize(rows, {
    installation: month.installationId,
    since: month.since,
    until: month.until,
  });
  return { report, month, requests: double.requests.length, unexpected: double.unexpected };
};
