import { setTimeout as sleep } from "node:timers/promises";
import { countObjects } from "../../../src/backfill/page-sizer.js";
import {
  type GitHubDouble,
  type Layer,
  startGitHubDouble,
} from "../../../src/github-double/start-github-double.js";
import type { GraphqlDouble } from "./graphql-double.js";
import { historyRepo } from "./history-repo.js";
import { historyRoutes } from "./history-routes.js";

/**
 * How long GitHub takes to answer, as the benchmark models it: a REST read about 100 ms, a
 * GraphQL query about 300 ms plus about 1 ms per object it returns, and a query that would take
 * longer than GitHub's 10 seconds answered 502 after them.
 */
export type GithubLatency = { restMs: number; graphqlMs: number; perObjectMs: number; limitMs: number };

export const GITHUB_LATENCY: GithubLatency = { restMs: 100, graphqlMs: 300, perObjectMs: 1, limitMs: 10_000 };

type Stats = { inFlight: number; peakInFlight: number; timeouts: number };

/** Counts the requests under way, and the most at once. */
const countInFlight =
  (stats: Stats): Layer =>
  async (_request, next) => {
    stats.inFlight += 1;
    stats.peakInFlight = Math.max(stats.peakInFlight, stats.inFlight);
    try {
      return await next();
    } finally {
      stats.inFlight -= 1;
    }
  };

/** Answers as slowly as GitHub does; a GraphQL query past the limit is a 502 after it. */
const slowAsGitHub =
  (latency: GithubLatency, stats: Stats): Layer =>
  async (request, next) => {
    const answer = await next();
    if (request.route !== "graphql") {
      await sleep(latency.restMs);
      return answer;
    }
    const took =
      latency.graphqlMs + latency.perObjectMs * countObjects((answer.reply.body as { data?: unknown })?.data);
    if (took <= latency.limitMs) {
      await sleep(took);
      return answer;
    }
    await sleep(latency.limitMs);
    stats.timeouts += 1;
    return { ...answer, reply: { status: 502, body: { message: "Server Error: the query took too long" } } };
  };

/**
 * The GitHub double serving `history` to backfill: its repositories (each on the history's
 * installation), GraphQL over the history and the REST reads backfill makes, on a loopback port,
 * until `close()`. Any app JWT gets an installation token. With `latency` it answers as slowly
 * as GitHub does. `stats` counts requests under way (and the most at once) and 502s for time.
 */
export const serveGithubDouble = async (
  history: GraphqlDouble,
  { latency }: { latency?: GithubLatency } = {},
): Promise<{ url: string; github: GitHubDouble; close: () => Promise<void>; stats: Stats }> => {
  const stats = { inFlight: 0, peakInFlight: 0, timeouts: 0 };
  const github = await startGitHubDouble({
    routes: historyRoutes(() => history),
    layers: [countInFlight(stats), ...(latency ? [slowAsGitHub(latency, stats)] : [])],
  });
  for (const served of history.histories) github.addRepo(historyRepo(served));
  return { url: github.url, github, stats, close: github.stop };
};
