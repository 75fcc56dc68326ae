import { describe, expect, it } from "vitest";
import { nextRound } from "../../src/handlers/classify-worker.js";

describe("when the classify stage's next round is due", () => {
  it("is at once after a full claim, after the poll pause after a partial one", () => {
    expect(nextRound({ full: true, deliveriesWaited: false, tookMs: 80 })).toBe(true);
    expect(nextRound({ full: false, deliveriesWaited: false, tookMs: 80 })).toBe(false);
    expect(nextRound({ full: false, deliveriesWaited: true, tookMs: 80 })).toBe(false);
  });

  it("gives deliveries waiting on the store five times the time of the last round, at most two seconds", () => {
    expect(nextRound({ full: true, deliveriesWaited: true, tookMs: 80 })).toEqual({ afterMs: 400 });
    expect(nextRound({ full: true, deliveriesWaited: true, tookMs: 900 })).toEqual({ afterMs: 2000 });
  });
});
