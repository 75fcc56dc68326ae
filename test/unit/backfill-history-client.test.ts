import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createHistoryClient, type GraphqlFunction } from "../../src/backfill/history-client.js";

const silent = pino({ level: "silent" });
const NOW = Date.parse("2026-11-01T12:00:00Z");

const clock = () => {
  let now = NOW;
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    now += ms;
  };
  return { sleeps, now: () => now, sleep };
};

const clientWith = (graphql: GraphqlFunction, time = clock()) => ({
  time,
  client: createHistoryClient({
    octokit: { graphql, request: async () => ({ data: {}, headers: {} }) },
    log: silent,
    clock: time,
  }),
});

const rateLimit = (remaining: number, cost = 10) => ({
  cost,
  remaining,
  resetAt: new Date(NOW + 600_000).toISOString(),
});

describe("history client", () => {
  it("counts requests and points per label, and waits for the reset once the budget is at its reserve", async () => {
    const answers = [rateLimit(4000), rateLimit(200), rateLimit(4990)];
    const { client, time } = clientWith(async () => ({ rateLimit: answers.shift() }));
    await client.query("pull_requests", "query { rateLimit { cost remaining resetAt } }");
    await client.query("pull_requests", "query { rateLimit { cost remaining resetAt } }");
    expect(time.sleeps).toEqual([]);
    await client.query("issues", "query { rateLimit { cost remaining resetAt } }");
    expect(time.sleeps).toEqual([600_000 + 1000]);
    expect(Object.fromEntries(client.stats)).toEqual({
      pull_requests: { requests: 2, points: 20 },
      issues: { requests: 1, points: 10 },
    });
  });

  it("retries a 502 with backoff and gives up on what cannot succeed", async () => {
    let calls = 0;
    const flaky = clientWith(async () => {
      calls += 1;
      if (calls === 1) throw Object.assign(new Error("Bad Gateway"), { status: 502 });
      return { rateLimit: rateLimit(4000) };
    });
    await flaky.client.query("x", "query { rateLimit { cost remaining resetAt } }");
    expect(calls).toBe(2);
    expect(flaky.time.sleeps).toHaveLength(1);

    const denied = clientWith(async () => {
      throw Object.assign(new Error("Bad credentials"), { status: 401 });
    });
    await expect(denied.client.query("x", "query { viewer { login } }")).rejects.toThrow("Bad credentials");
    expect(denied.time.sleeps).toEqual([]);
  });

  it("keeps the data of an answer whose only errors are nodes deleted since", async () => {
    const { client } = clientWith(async () => {
      throw Object.assign(new Error("Could not resolve to a node"), {
        errors: [{ type: "NOT_FOUND", path: ["c0"] }],
        data: { rateLimit: rateLimit(4000), c0: null, c1: { files: { nodes: [] } } },
      });
    });
    const data = await client.query<Record<string, unknown>>("follow-up", "query { rateLimit { cost } }");
    expect(data).toMatchObject({ c0: null, c1: { files: { nodes: [] } } });
  });
});
