/**
 * `npm run bench:backfill`: backfills a synthetic repository of 5,000 pull requests and 5,000
 * issues from a local GraphQL double (127.0.0.1) into a fresh embedded store, and prints the
 * GraphQL requests and rate-limit points per 100 items next to the REST requests the same data
 * would take. Targets: at most 3 GraphQL requests per 100 fully hydrated PRs, and at least 50×
 * fewer requests than REST.
 */
import { Octokit } from "@octokit/rest";
import { pino } from "pino";
import { backfillRepository } from "../src/backfill/index.js";
import { defaultConfig } from "../src/config/schema.js";
import { connect } from "../src/store/db.js";
import { startEmbeddedPostgres } from "../src/store/embedded.js";
import { migrate } from "../src/store/migrate.js";
import { createGraphqlDouble } from "../test/helpers/history/graphql-double.js";
import { serveGithubDouble } from "../test/helpers/history/serve-github-double.js";
import { generateHistory, type History } from "../test/helpers/history/synthetic-history.js";

const PULL_REQUESTS = Number(process.env.BENCH_PULL_REQUESTS ?? 5000);
const ISSUES = Number(process.env.BENCH_ISSUES ?? 5000);

const pages = (count: number) => Math.max(1, Math.ceil(count / 100));

/**
 * What the REST API needs for the same data, at its maximum page size of 100: the list pages,
 * then per PR its files, reviews, review comments, conversation comments and timeline; per
 * issue its comments and timeline. Every list costs at least one request even when empty.
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
        pages(pr.events.length),
      0,
    );
  const issues =
    pages(history.issues.length) +
    history.issues.reduce((sum, issue) => sum + pages(issue.comments.length) + pages(issue.events.length), 0);
  return { pulls, issues };
};

const sizes = (history: History) => {
  const nested = history.pullRequests.map(
    (pr) =>
      pr.files.length +
      pr.reviews.length +
      pr.reviews.reduce((n, r) => n + r.comments.length, 0) +
      pr.comments.length +
      pr.events.length,
  );
  const max = history.pullRequests.reduce(
    (m, pr) =>
      Math.max(
        m,
        pr.reviews.reduce((n, r) => n + r.comments.length, 0),
      ),
    0,
  );
  return { nestedPerPr: nested.reduce((a, b) => a + b, 0) / nested.length, maxReviewComments: max };
};

const main = async () => {
  const started = Date.now();
  const history = generateHistory({
    pullRequests: PULL_REQUESTS,
    issues: ISSUES,
    commits: 200,
    releases: 20,
    milestones: 12,
    discussions: 50,
    days: 80,
  });
  const double = createGraphqlDouble(history, { limit: 1_000_000 });
  const server = await serveGithubDouble(double);
  const embedded = await startEmbeddedPostgres(null);
  const sql = connect(embedded.url, { max: 1, path: embedded.socket });
  await migrate(sql);
  const octokit = new Octokit({ baseUrl: server.url, auth: "bench-token" });
  try {
    const result = await backfillRepository(
      {
        sql,
        octokit: {
          graphql: (query, variables) => octokit.graphql(query, variables),
          request: (route, parameters) => octokit.request(route, parameters),
        },
        log: pino({ level: "warn" }),
        holder: "bench",
        loadConfig: async () => ({ config: defaultConfig(), problems: [] }),
      },
      {
        installationId: history.installationId,
        repoId: history.repo.id,
        repo: history.repo.fullName,
        since: new Date("2000-01-01"),
      },
    );
    if (result?.outcome !== "finished") throw new Error("the backfill did not run");
    const stat = (label: string) => result.stats.get(label) ?? { requests: 0, points: 0 };
    const sum = (...labels: string[]) =>
      labels
        .map(stat)
        .reduce((a, b) => ({ requests: a.requests + b.requests, points: a.points + b.points }), {
          requests: 0,
          points: 0,
        });
    const pulls = sum("pull_requests", "pull_requests:follow-up");
    const issues = sum("issues", "issues:follow-up");
    const rest = restRequests(history);
    const [credits] = await sql<{ n: number }[]>`select count(*)::int as n from credits`;
    const per100 = (value: number, count: number) => ((value * 100) / count).toFixed(2);
    const { nestedPerPr, maxReviewComments } = sizes(history);
    const rows = [
      ["", "GraphQL requests /100", "points /100", "REST requests /100", "REST ÷ GraphQL"],
      [
        "pull requests",
        per100(pulls.requests, PULL_REQUESTS),
        per100(pulls.points, PULL_REQUESTS),
        per100(rest.pulls, PULL_REQUESTS),
        (rest.pulls / pulls.requests).toFixed(1),
      ],
      [
        "issues",
        per100(issues.requests, ISSUES),
        per100(issues.points, ISSUES),
        per100(rest.issues, ISSUES),
        (rest.issues / issues.requests).toFixed(1),
      ],
    ];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
    const line = (row: string[]) => row.map((cell, i) => cell.padStart(widths[i]!)).join("  ");
    const out = [
      `Backfill benchmark: ${PULL_REQUESTS} PRs (${nestedPerPr.toFixed(1)} nested items each on average, up to ${maxReviewComments} review comments), ${ISSUES} issues`,
      "",
      ...rows.map(line),
      "",
      `pull requests: ${pulls.requests} GraphQL requests, ${pulls.points} points; REST would need ${rest.pulls} requests`,
      `issues:        ${issues.requests} GraphQL requests, ${issues.points} points; REST would need ${rest.issues} requests`,
      `all GraphQL:   ${double.stats.requests} requests, ${double.stats.points} points; REST reads: ${double.stats.rest}`,
      `ledger:        ${credits?.n ?? 0} credits from ${result.items} items in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      "",
      `targets: ≤ 3 GraphQL requests per 100 PRs: ${per100(pulls.requests, PULL_REQUESTS)} ${(pulls.requests * 100) / PULL_REQUESTS <= 3 ? "✓" : "✗"}; ` +
        `≥ 50× fewer than REST: ${(rest.pulls / pulls.requests).toFixed(1)}× ${rest.pulls / pulls.requests >= 50 ? "✓" : "✗"}`,
    ];
    process.stdout.write(`${out.join("\n")}\n`);
    const met = (pulls.requests * 100) / PULL_REQUESTS <= 3 && rest.pulls / pulls.requests >= 50;
    process.exitCode = met ? 0 : 1;
  } finally {
    await sql.end({ timeout: 1 });
    await embedded.stop();
    await server.close();
  }
};

await main();
