/**
 * `npm run bench:backfill`: imports an organisation's history — 100 repositories, about 9,000
 * pull requests and 6,000 issues over 90 days — the way `gluework backfill` does (several
 * repositories at once through one request gate), twice in one run: from a GitHub double on
 * 127.0.0.1 that answers at once, and from the same double answering as slowly as GitHub does
 * (REST ~100 ms; GraphQL ~300 ms plus ~1 ms per object returned; a query over 10 s answers 502).
 * Each import goes into a fresh PostgreSQL database (BENCH_DATABASE_URL's server; the embedded
 * store when none answers). Prints the import times side by side, GraphQL requests and points
 * per 100 items next to what the REST API needs for the same data, and the most requests that
 * were under way at once. Targets: at GitHub latency the whole import within 5 minutes, at most
 * 3 GraphQL requests per 100 pull requests, never more than 8 requests in flight, and at least
 * 50× fewer requests than REST.
 */

import { setTimeout } from "node:timers/promises";
import { Octokit } from "@octokit/rest";
import { pino } from "pino";
import { backfillRepositories, createRequestGate, type QueryStats } from "../src/backfill/index.js";
import { defaultConfig } from "../src/config/schema.js";
import type { Octokit as AppOctokit } from "../src/github/octokit.js";
import { createClassifyWorker } from "../src/handlers/classify-worker.js";
import { connect, type Sql } from "../src/store/db.js";
import { startEmbeddedPostgres } from "../src/store/embedded.js";
import { countWaiting } from "../src/store/inbox.js";
import { migrate } from "../src/store/migrate.js";
import { countCredits } from "../src/store/query-credits.js";
import { createStore } from "../test/e2e/helpers/store.js";
import { createGraphqlDouble } from "../test/helpers/history/graphql-double.js";
import {
  GITHUB_LATENCY,
  type GithubLatency,
  serveGithubDouble,
} from "../test/helpers/history/serve-github-double.js";
import { generateHistory, type History } from "../test/helpers/history/synthetic-history.js";
import { adminUrl, postgresVersion } from "./lib/results.js";

const REPOSITORIES = Number(process.env.BENCH_BACKFILL_REPOS ?? 100);
const PULL_REQUESTS = Number(process.env.BENCH_PULL_REQUESTS ?? 9000);
const ISSUES = Number(process.env.BENCH_ISSUES ?? 6000);
const DAYS = Number(process.env.BENCH_BACKFILL_DAYS ?? 90);
const MAX_IN_FLIGHT = 8;
const TARGET_SECONDS = 300;

const pages = (count: number) => Math.max(1, Math.ceil(count / 100));

/**
 * What the REST API needs for the same data, at its maximum page size of 100: the list pages,
 * then per PR its files, reviews, review comments, conversation comments, commits and timeline;
 * per issue its comments and timeline. Every list costs at least one request even when empty.
 */
export const restRequests = (history: History) => {
  const pulls =
    pages(history.pullRequests.length) +
    history.pullRequests.reduce(
      (sum, pr) =>
        sum +
        pages(pr.files.length) +
        pages(pr.reviews.length) +
        pages(pr.reviews.reduce((n, review) => n + review.comments.length, 0)) +
        pages(pr.comments.length) +
        pages(pr.commits.length) +
        pages(pr.events.length),
      0,
    );
  const issues =
    pages(history.issues.length) +
    history.issues.reduce((sum, issue) => sum + pages(issue.comments.length) + pages(issue.events.length), 0);
  return { pulls, issues };
};

/** The organisation: repositories of uneven size (half to one and a half times the mean). */
const organisation = (): History[] =>
  Array.from({ length: REPOSITORIES }, (_, index) => {
    const share = 0.5 + (index % 10) / 9;
    return generateHistory({
      seed: 100 + index,
      orgIndex: index,
      pullRequests: Math.round((PULL_REQUESTS / REPOSITORIES) * share),
      issues: Math.round((ISSUES / REPOSITORIES) * share),
      commits: 12,
      releases: 2,
      milestones: 3,
      discussions: 3,
      days: DAYS,
    });
  });

/** A fresh database on the benchmark's PostgreSQL server, or an in-memory embedded store. */
const freshStore = async (postgres: boolean): Promise<{ sql: Sql; close: () => Promise<void> }> => {
  if (postgres) {
    const store = await createStore({ databaseUrl: adminUrl(), prefix: "gluework_bench_backfill" });
    const sql = connect(store.env.DATABASE_URL as string, { max: MAX_IN_FLIGHT + 2 });
    await migrate(sql);
    return {
      sql,
      close: async () => {
        await sql.end({ timeout: 1 });
        await store.drop();
      },
    };
  }
  const embedded = await startEmbeddedPostgres(null);
  const sql = connect(embedded.url, { max: 1, path: embedded.socket });
  await migrate(sql);
  return {
    sql,
    close: async () => {
      await sql.end({ timeout: 1 });
      await embedded.stop();
    },
  };
};

type Run = {
  /** From the first request to the last activity classified. */
  seconds: number;
  /** From the first request to the last page recorded. */
  importSeconds: number;
  items: number;
  credits: number;
  failed: string[];
  stats: QueryStats;
  peakInFlight: number;
  timeouts: number;
  graphql: number;
};

/** One import of the whole organisation from the double, `latency` or none. */
const importOrganisation = async (
  histories: History[],
  postgres: boolean,
  latency?: GithubLatency,
): Promise<Run> => {
  const double = createGraphqlDouble(histories, { limit: 1_000_000 });
  const server = await serveGithubDouble(double, latency ? { latency } : {});
  const store = await freshStore(postgres);
  // Every history is on one installation; the double scopes each request to its token's.
  const installationId = histories[0]?.installationId ?? 0;
  const octokit = new Octokit({ baseUrl: server.url, auth: server.github.issueToken(installationId) });
  const gate = createRequestGate({ maxInFlight: MAX_IN_FLIGHT });
  // The classify stage runs beside the import, as in the server: history's activities go through it.
  const classify = createClassifyWorker({
    sql: store.sql,
    auth: async () => octokit as unknown as AppOctokit,
    log: pino({ level: "warn" }),
    pollMs: 100,
  });
  try {
    const started = performance.now();
    classify.start();
    const results = await backfillRepositories(
      {
        sql: store.sql,
        octokit: {
          graphql: (query, variables) => octokit.graphql(query, variables),
          request: (route, parameters) => octokit.request(route, parameters),
        },
        log: pino({ level: "warn" }),
        holder: "bench",
        loadConfig: async () => ({ config: defaultConfig(), problems: [] }),
        gate,
      },
      histories.map((history) => ({
        installationId: history.installationId,
        repoId: history.repo.id,
        repo: history.repo.fullName,
        since: new Date("2000-01-01"),
      })),
    );
    const importSeconds = (performance.now() - started) / 1000;
    while ((await countWaiting(store.sql)) > 0) await setTimeout(100);
    const seconds = (performance.now() - started) / 1000;
    await classify.stop();
    const installations = [...new Set(histories.map((history) => history.installationId))];
    const credits = (await Promise.all(installations.map((id) => countCredits(store.sql, id)))).reduce(
      (a, b) => a + b,
      0,
    );
    const stats: QueryStats = new Map();
    let items = 0;
    const failed: string[] = [];
    for (const result of results) {
      if ("error" in result || result.outcome?.outcome !== "finished") {
        failed.push(`${result.repo}: ${"error" in result ? String(result.error) : "not finished"}`);
        continue;
      }
      items += result.outcome.items;
      for (const [label, entry] of result.outcome.stats) {
        const sum = stats.get(label) ?? { requests: 0, points: 0 };
        stats.set(label, { requests: sum.requests + entry.requests, points: sum.points + entry.points });
      }
    }
    return {
      seconds,
      importSeconds,
      items,
      credits,
      failed,
      stats,
      peakInFlight: server.stats.peakInFlight,
      timeouts: server.stats.timeouts,
      graphql: double.stats.requests,
    };
  } finally {
    await classify.stop();
    await store.close();
    await server.close();
  }
};

const main = async () => {
  const histories = organisation();
  const postgres = (await postgresVersion()) !== null;
  const count = (pick: (history: History) => number) => histories.reduce((sum, h) => sum + pick(h), 0);
  const pullCount = count((h) => h.pullRequests.length);
  const issueCount = count((h) => h.issues.length);
  const rest = histories
    .map(restRequests)
    .reduce((a, b) => ({ pulls: a.pulls + b.pulls, issues: a.issues + b.issues }));

  const instant = await importOrganisation(histories, postgres);
  const github = await importOrganisation(histories, postgres, GITHUB_LATENCY);

  const sum = (run: Run, ...labels: string[]) =>
    labels
      .map((label) => run.stats.get(label) ?? { requests: 0, points: 0 })
      .reduce((a, b) => ({ requests: a.requests + b.requests, points: a.points + b.points }));
  const pulls = sum(github, "pull_requests", "pull_requests:follow-up");
  const pullPages = sum(github, "pull_requests").requests;
  const issues = sum(github, "issues", "issues:follow-up");
  const per100 = (value: number, of: number) => (value * 100) / of;
  const minutes = (seconds: number) =>
    `${Math.floor(seconds / 60)}m ${String(Math.round(seconds % 60)).padStart(2, "0")}s`;
  const checks = {
    time: github.seconds <= TARGET_SECONDS && github.failed.length === 0,
    perPulls: per100(pulls.requests, pullCount) <= 3,
    inFlight: github.peakInFlight <= MAX_IN_FLIGHT && instant.peakInFlight <= MAX_IN_FLIGHT,
    rest: rest.pulls / pulls.requests >= 50,
  };
  const mark = (ok: boolean) => (ok ? "✓" : "✗");
  const out = [
    `Backfill benchmark: ${REPOSITORIES} repositories, ${pullCount} PRs and ${issueCount} issues over ${DAYS} days, into ${postgres ? "PostgreSQL" : "the embedded store"}`,
    "",
    `import at GitHub latency, until every activity is classified: ${minutes(github.seconds)} (${github.seconds.toFixed(1)} s; pages read in ${github.importSeconds.toFixed(1)} s); the same import at no latency: ${minutes(instant.seconds)} (${instant.seconds.toFixed(1)} s; pages read in ${instant.importSeconds.toFixed(1)} s)`,
    `                          ${github.items} items, ${github.credits} credits; ${github.graphql} GraphQL requests, ${github.timeouts} answered 502 for time; at most ${github.peakInFlight} requests in flight (no latency: ${instant.peakInFlight})`,
    "",
    `pull requests: ${per100(pulls.requests, pullCount).toFixed(2)} GraphQL requests and ${per100(pulls.points, pullCount).toFixed(2)} points per 100 (${pullPages} pages, ${pulls.requests - pullPages} follow-ups); REST would need ${per100(rest.pulls, pullCount).toFixed(1)} (${(rest.pulls / pulls.requests).toFixed(0)}×)`,
    `issues:        ${per100(issues.requests, issueCount).toFixed(2)} GraphQL requests and ${per100(issues.points, issueCount).toFixed(2)} points per 100; REST would need ${per100(rest.issues, issueCount).toFixed(1)} (${(rest.issues / issues.requests).toFixed(0)}×)`,
    ...(github.failed.length + instant.failed.length > 0
      ? ["", "failed:", ...github.failed, ...instant.failed]
      : []),
    "",
    `targets: whole import at GitHub latency ≤ 5 min: ${minutes(github.seconds)} ${mark(checks.time)}; ` +
      `≤ 3 GraphQL requests per 100 PRs: ${per100(pulls.requests, pullCount).toFixed(2)} ${mark(checks.perPulls)}; ` +
      `≤ ${MAX_IN_FLIGHT} in flight: ${Math.max(github.peakInFlight, instant.peakInFlight)} ${mark(checks.inFlight)}; ` +
      `≥ 50× fewer than REST: ${(rest.pulls / pulls.requests).toFixed(0)}× ${mark(checks.rest)}`,
  ];
  process.stdout.write(`${out.join("\n")}\n`);
  process.exitCode = Object.values(checks).every(Boolean) ? 0 : 1;
};

await main();
