import { describe, expect, it } from "vitest";
import { waitBeforeNextQuery } from "../../src/backfill/rate-budget.js";
import { retryDecision, retryRequestInMs } from "../../src/backfill/retry.js";

const NOW = Date.parse("2026-11-01T12:00:00Z");
const inMinutes = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

describe("rate-limit budget", () => {
  it("does not wait while plenty is left, or before GitHub said anything", () => {
    expect(waitBeforeNextQuery(null, NOW)).toBe(0);
    expect(waitBeforeNextQuery({ cost: 16, remaining: 4000, resetAt: inMinutes(40) }, NOW)).toBe(0);
  });

  it("spreads what is left until the reset when running low", () => {
    // 600 left, 250 kept in reserve: 350 to spend at 10 a query is 35 queries over 35 minutes.
    expect(waitBeforeNextQuery({ cost: 10, remaining: 600, resetAt: inMinutes(35) }, NOW)).toBe(60_000);
  });

  it("waits until the reset (and a second) at the reserve", () => {
    expect(waitBeforeNextQuery({ cost: 16, remaining: 260, resetAt: inMinutes(20) }, NOW)).toBe(
      20 * 60_000 + 1000,
    );
    expect(waitBeforeNextQuery({ cost: 1, remaining: 0, resetAt: inMinutes(1) }, NOW)).toBe(61_000);
  });

  it("does not wait for a reset that has passed", () => {
    expect(waitBeforeNextQuery({ cost: 16, remaining: 0, resetAt: inMinutes(-1) }, NOW)).toBe(0);
  });
});

describe("retrying history requests", () => {
  it("retries GitHub's 5xx and network failures with growing backoff", () => {
    expect(retryDecision({ status: 502 }, 1, NOW)).toMatchObject({ retry: true, reason: "server" });
    expect(retryDecision({ code: "ECONNRESET", message: "socket hang up" }, 2, NOW)).toMatchObject({
      retry: true,
      reason: "network",
    });
    expect(retryRequestInMs(1, () => 0)).toBe(1000);
    expect(retryRequestInMs(4, () => 0)).toBe(8000);
    expect(retryRequestInMs(20, () => 0)).toBe(60_000);
  });

  it("waits out the secondary rate limit as GitHub asks", () => {
    const secondary = {
      status: 403,
      message: "You have exceeded a secondary rate limit",
      response: { headers: {} },
    };
    expect(retryDecision(secondary, 1, NOW)).toEqual({
      retry: true,
      waitMs: 60_000,
      reason: "secondary-limit",
    });
    const asked = { status: 429, response: { headers: { "retry-after": "7" } } };
    expect(retryDecision(asked, 1, NOW)).toEqual({ retry: true, waitMs: 7000, reason: "secondary-limit" });
  });

  it("waits for the reset when the GraphQL budget is spent", () => {
    const spent = {
      errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded" }],
      response: { headers: { "x-ratelimit-reset": String((NOW + 120_000) / 1000) } },
    };
    expect(retryDecision(spent, 1, NOW)).toEqual({ retry: true, waitMs: 121_000, reason: "rate-limit" });
  });

  it("does not retry what will fail again", () => {
    expect(retryDecision({ status: 401, message: "Bad credentials" }, 1, NOW)).toEqual({ retry: false });
    expect(retryDecision({ status: 404 }, 1, NOW)).toEqual({ retry: false });
    expect(retryDecision({ errors: [{ type: "NOT_FOUND" }] }, 1, NOW)).toEqual({ retry: false });
  });
});
