/**
 * `npm run bench:github`: GitHub API requests per delivery on the realistic mix, counted at the
 * GitHub double — the reads a delivery makes and the outbox worker's writes once it has drained —
 * with Gluework on a fresh PostgreSQL database (the embedded store when none is reachable).
 * Then every check run at the double must say what the ledger says. Target: ≤ 0.3 per delivery.
 */
import { checkRunOutput } from "../src/publish/check-run-output.js";
import { creditCommentBody } from "../src/publish/credit-comment-body.js";
import type { Sql } from "../src/store/db.js";
import { findCachedConfig } from "../src/store/repo-config-cache.js";
import { querySubjectCredits } from "../src/store/subject-credits.js";
import {
  type GitHubDouble,
  type RecordedRequest,
  startGitHubDouble,
} from "../test/e2e/helpers/github-double.js";
import { createCredentials } from "../test/e2e/helpers/server.js";
import { pendingJobs } from "../test/e2e/helpers/stack.js";
import { fire, signAll } from "./lib/load.js";
import { BENCH_INSTALLATION, generateMix } from "./lib/mix.js";
import { fixed, mark, postgresVersion, saveSection, table } from "./lib/results.js";
import { ensureBuild, registerMix, startTarget } from "./lib/targets.js";

const DELIVERIES = Number(process.env.BENCH_GITHUB_DELIVERIES ?? 600);
const WARM_UP = Number(process.env.BENCH_GITHUB_WARM_UP ?? 300);
const RATE = Number(process.env.BENCH_GITHUB_RATE ?? 200);
const DRAIN_TIMEOUT_MS = Number(process.env.BENCH_GITHUB_DRAIN_SECONDS ?? 300) * 1000;

/** Waits until the outbox is empty; returns the seconds it took. */
const drained = async (sql: Sql): Promise<number> => {
  const started = Date.now();
  while ((await pendingJobs(sql)) > 0) {
    if (Date.now() - started > DRAIN_TIMEOUT_MS) throw new Error("the outbox did not drain in time");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return (Date.now() - started) / 1000;
};

const byRoute = (requests: readonly RecordedRequest[]) => {
  const counts: Record<string, number> = {};
  for (const request of requests) {
    const route = request.route ?? `${request.method} (no route)`;
    counts[route] = (counts[route] ?? 0) + 1;
  }
  return counts;
};

/** Every PR's check run (and credit comment) at the double, against what the ledger says. */
const verify = async (sql: Sql, double: GitHubDouble) => {
  const pulls = await sql<
    { repo_id: number; repo: string; number: number; head_sha: string; merged: boolean }[]
  >`
    select repo_id, repo, number, head_sha, merged from pull_requests where installation_id = ${BENCH_INSTALLATION}
  `;
  const problems: string[] = [];
  let comments = 0;
  for (const pr of pulls) {
    const credits = await querySubjectCredits(sql, {
      installationId: BENCH_INSTALLATION,
      repoId: pr.repo_id,
      subjectKey: `${pr.repo}#${pr.number}`,
    });
    const config = await findCachedConfig(sql, BENCH_INSTALLATION, pr.repo_id, { anyAge: true });
    const expected = checkRunOutput(credits, config?.problems ?? []);
    const runs = double.checkRuns(pr.repo).filter((run) => run.head_sha === pr.head_sha);
    if (runs.length !== 1) problems.push(`${pr.repo}#${pr.number}: ${runs.length} check runs on its head`);
    const output = runs[0]?.output;
    if (runs[0] && (output?.title !== expected.title || output?.summary !== expected.summary)) {
      problems.push(
        `${pr.repo}#${pr.number}: the check run says "${output?.title}", the ledger "${expected.title}"`,
      );
    }
    const body = creditCommentBody(credits);
    if (pr.merged && body !== null && config?.config.credit_comment.enabled !== false) {
      comments += 1;
      const posted = double.comments(pr.repo, pr.number);
      if (posted.length !== 1 || posted[0]?.body !== body) {
        problems.push(`${pr.repo}#${pr.number}: ${posted.length} credit comments, not the ledger's`);
      }
    }
  }
  return { checkRuns: pulls.length, comments, problems };
};

const main = async () => {
  ensureBuild();
  const started = Date.now();
  const mix = generateMix({
    count: WARM_UP + DELIVERIES,
    seed: 5,
    repoPrefix: "budget",
    firstRepoId: 90_000,
  });
  const credentials = createCredentials();
  const double = await startGitHubDouble({ appId: credentials.appId, publicKey: credentials.publicKey });
  registerMix(double, mix);
  const signed = signAll(credentials.webhookSecret, mix.deliveries);
  const kind = (await postgresVersion()) !== null ? "postgres" : "embedded";
  const target = await startTarget(kind, credentials, double);
  const sql = await target.store.connect();
  try {
    await fire(target.server.url, signed.slice(0, WARM_UP), { connections: 10, rate: RATE });
    const warmUpRequests = double.requests.length;
    await drained(sql);
    const warmUpTotal = double.requests.length;
    const measured = signed.slice(WARM_UP);
    const from = double.requests.length;
    const load = await fire(target.server.url, measured, { connections: 10, rate: RATE });
    const drainSeconds = await drained(sql);
    const requests = double.requests.slice(from);
    const writes = requests.filter((r) => r.method !== "GET" && r.route !== "access-token");
    const routes = byRoute(requests);
    const check = await verify(sql, double);
    const perDelivery = requests.length / measured.length;
    const rows = [
      ["GitHub requests", "count", "per delivery"],
      ...Object.entries(routes)
        .sort((a, b) => b[1] - a[1])
        .map(([route, n]) => [route, String(n), fixed(n / measured.length, 3)]),
      ["all", String(requests.length), fixed(perDelivery, 3)],
    ];
    const out = [
      `GitHub API budget: ${measured.length} deliveries of the mix at ${RATE}/s into Gluework (${kind}) after ${WARM_UP} warm-up deliveries on the same ${mix.repos.length} repositories; counted at the GitHub double until the outbox drained`,
      "",
      table(rows),
      "",
      `writes ${writes.length} (${fixed(writes.length / measured.length, 3)} per delivery); outbox drained ${fixed(drainSeconds, 0)} s after the burst; ` +
        `warm-up (cold caches): ${fixed(warmUpTotal / WARM_UP, 3)} per delivery (${warmUpRequests} during its burst)`,
      `check runs matching the ledger: ${check.checkRuns - check.problems.filter((p) => p.includes("check run")).length}/${check.checkRuns}; credit comments: ${check.comments}`,
      ...check.problems.slice(0, 10).map((problem) => `MISMATCH ${problem}`),
      `target: ≤ 0.3 requests per delivery: ${fixed(perDelivery, 3)} ${mark(perDelivery <= 0.3)}; every check run correct: ${mark(check.problems.length === 0)}`,
      ...(load.non2xx + load.errors > 0
        ? [`FAILED DELIVERIES: ${load.non2xx} non-2xx, ${load.errors} errors`]
        : []),
      ...(double.unexpected.length > 0 ? [`UNEXPECTED REQUESTS: ${double.unexpected.length}`] : []),
      `(${fixed((Date.now() - started) / 1000, 0)} s)`,
    ];
    process.stdout.write(`${out.join("\n")}\n`);
    // A wrong check run or comment is a failure of the app, not a missed target.
    if (check.problems.length > 0 || double.unexpected.length > 0) process.exitCode = 1;
    await saveSection("github", {
      store: kind,
      deliveries: measured.length,
      warmUp: WARM_UP,
      rate: RATE,
      requests: requests.length,
      perDelivery,
      routes,
      writes: writes.length,
      drainSeconds,
      warmUpPerDelivery: warmUpTotal / WARM_UP,
      checkRuns: check.checkRuns,
      creditComments: check.comments,
      problems: check.problems,
      target: { value: perDelivery, target: 0.3, met: perDelivery <= 0.3 && check.problems.length === 0 },
    });
  } finally {
    await sql.end({ timeout: 1 });
    await target.stop();
    await double.stop();
  }
};

await main();
