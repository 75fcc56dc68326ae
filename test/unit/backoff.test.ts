import { describe, expect, it } from "vitest";
import { backoffMs } from "../../src/backoff.js";

describe("backoffMs, the one backoff", () => {
  it("doubles from the base and stops at the cap", () => {
    const waits = [1, 2, 3, 4, 10, 11].map((attempt) => backoffMs(attempt, { capMs: 600_000 }));
    expect(waits).toEqual([1000, 2000, 4000, 8000, 512_000, 600_000]);
    expect(backoffMs(3, { baseMs: 60_000, capMs: 3_600_000 })).toBe(240_000);
    expect(backoffMs(0, { capMs: 10_000 })).toBe(1000);
  });

  it("adds at most the jitter asked for, and none by default", () => {
    expect(backoffMs(2, { capMs: 60_000, jitter: 0.25, random: () => 0 })).toBe(2000);
    expect(backoffMs(2, { capMs: 60_000, jitter: 0.25, random: () => 1 })).toBe(2500);
    expect(backoffMs(2, { capMs: 60_000, random: () => 1 })).toBe(2000);
  });
});
