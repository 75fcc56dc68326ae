import { describe, expect, it } from "vitest";
import { createPacing, GIVE_WAY_CHECK_MS, nextRound } from "../../src/handlers/classify-worker.js";

const round = { tookMs: 80, oldestWaitMs: 1_000 };

describe("when the classify stage's next round is due", () => {
  it("is at once after a full claim, after the poll pause after a partial one", () => {
    expect(nextRound({ ...round, full: true, deliveriesWaited: false })).toBe(true);
    expect(nextRound({ ...round, full: false, deliveriesWaited: false })).toBe(false);
    expect(nextRound({ ...round, full: false, deliveriesWaited: true })).toBe(false);
  });

  it("gives deliveries waiting on the store ten times the time of the last round, at most five seconds", () => {
    expect(nextRound({ ...round, full: true, deliveriesWaited: true })).toEqual({ afterMs: 800 });
    expect(nextRound({ ...round, full: true, deliveriesWaited: true, tookMs: 900 })).toEqual({
      afterMs: 5000,
    });
  });

  it("gives way no more once the oldest activity taken had waited 30 s", () => {
    expect(nextRound({ ...round, full: true, deliveriesWaited: true, oldestWaitMs: 30_000 })).toBe(true);
  });
});

describe("the classify stage's pacing", () => {
  const clocked = () => {
    const state = { now: 0, waiting: false };
    const pacing = createPacing({ deliveriesWaited: () => state.waiting }, () => state.now);
    return { state, pacing };
  };

  it("holds back while deliveries keep waiting, then takes a round when its time is up", () => {
    const { state, pacing } = clocked();
    state.waiting = true;
    expect(pacing.after({ full: true, tookMs: 100, oldestWaitMs: 0 })).toEqual({
      afterMs: GIVE_WAY_CHECK_MS,
    });
    state.now = 500;
    expect(pacing.hold()).toEqual({ afterMs: GIVE_WAY_CHECK_MS });
    state.now = 1_000;
    expect(pacing.hold()).toBeNull();
  });

  it("goes on as soon as no delivery waits any more", () => {
    const { state, pacing } = clocked();
    state.waiting = true;
    pacing.after({ full: true, tookMs: 100, oldestWaitMs: 0 });
    state.waiting = false;
    state.now = 200;
    expect(pacing.hold()).toBeNull();
  });

  it("never holds back without a writer to give way to", () => {
    const pacing = createPacing(undefined, () => 0);
    expect(pacing.hold()).toBeNull();
    expect(pacing.after({ full: true, tookMs: 100, oldestWaitMs: 0 })).toBe(true);
  });
});
