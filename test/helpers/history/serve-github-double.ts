import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { countObjects } from "../../../src/backfill/page-sizer.js";
import type { DoubleAnswer, GraphqlDouble } from "./graphql-double.js";

/**
 * How long GitHub takes to answer, as the benchmark models it: a REST read about 100 ms, a
 * GraphQL query about 300 ms plus about 1 ms per object it returns, and a query that would take
 * longer than GitHub's 10 seconds answered 502 after them.
 */
export type GithubLatency = { restMs: number; graphqlMs: number; perObjectMs: number; limitMs: number };

export const GITHUB_LATENCY: GithubLatency = { restMs: 100, graphqlMs: 300, perObjectMs: 1, limitMs: 10_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The double on a loopback port, as a GitHub API base URL: `POST /graphql` and the REST reads
 * backfill makes. Only 127.0.0.1; it answers until `close()`. With `latency` it answers as slowly
 * as GitHub does. `stats` counts requests under way (and the most at once) and 502s for time.
 */
export const serveGithubDouble = async (
  double: GraphqlDouble,
  { latency }: { latency?: GithubLatency } = {},
): Promise<{
  url: string;
  close: () => Promise<void>;
  stats: { inFlight: number; peakInFlight: number; timeouts: number };
}> => {
  const stats = { inFlight: 0, peakInFlight: 0, timeouts: 0 };
  const slow = async (answer: DoubleAnswer, graphql: boolean): Promise<DoubleAnswer> => {
    if (!latency) return answer;
    if (!graphql) {
      await sleep(latency.restMs);
      return answer;
    }
    const took =
      latency.graphqlMs + latency.perObjectMs * countObjects((answer.body as { data?: unknown })?.data);
    if (took <= latency.limitMs) {
      await sleep(took);
      return answer;
    }
    await sleep(latency.limitMs);
    stats.timeouts += 1;
    return { status: 502, body: { message: "Server Error: the query took too long" } };
  };
  const server = createServer((request, response) => {
    stats.inFlight += 1;
    stats.peakInFlight = Math.max(stats.peakInFlight, stats.inFlight);
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      const path = url.pathname.replace(/^\/api\/v3/, "");
      const graphql = request.method === "POST" && (path === "/graphql" || path === "/api/graphql");
      const answer = graphql
        ? double.graphql(JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"))
        : Promise.resolve(double.rest(new URL(request.url ?? "/", `http://${request.headers.host}`)));
      answer
        .then((found) => slow(found, graphql))
        .then(({ status, body, headers }) => {
          response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
          response.end(JSON.stringify(body));
        })
        .catch((error: unknown) => {
          response.writeHead(500, { "content-type": "application/json" });
          response.end(JSON.stringify({ message: String(error) }));
        })
        .finally(() => {
          stats.inFlight -= 1;
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
};
