import { describe, expect, it } from "vitest";
import {
  createPacing,
  GIVE_WAY_CHECK_MS,
  GIVE_WAY_MS,
  nextRound,
} from "../../src/handlers/classify-worker.js";

const round = { oldestWaitMs: 1_000 };

describe("when the classify stage's next round is due", () => {
  it("is at once after a full claim, after the poll pause after a partial one", () => {
    expect(nextRound({ ...round, full: true, deliveriesWaited: false })).toBe(true);
    expect(nextRound({ ...round, full: false, deliveriesWaited: false })).toBe(false);
    expect(nextRound({ ...round, full: false, deliveriesWaited: true })).toBe(false);
  });

  it("gives deliveries waiting on the store up to five seconds", () => {
    expect(GIVE_WAY_MS).toBe(5_000);
    expect(nextRound({ ...round, full: true, deliveriesWaited: true })).toEqual({ afterMs: GIVE_WAY_MS });
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

  it("holds back while deliveries keep waiting, then takes a round when five seconds are up", () => {
    const { state, pacing } = clocked();
    state.waiting = true;
    expect(pacing.after({ full: true, oldestWaitMs: 0 })).toEqual({ afterMs: GIVE_WAY_CHECK_MS });
    state.now = GIVE_WAY_MS - 1;
    expect(pacing.hold()).toEqual({ afterMs: GIVE_WAY_CHECK_MS });
    state.now = GIVE_WAY_MS;
    expect(pacing.hold()).toBeNull();
  });

  it("gives way before its next round too when deliveries start waiting between rounds", () => {
    const { state, pacing } = clocked();
    expect(pacing.after({ full: false, oldestWaitMs: 0 })).toBe(false);
    state.now = 1_000;
    state.waiting = true;
    expect(pacing.hold()).toEqual({ afterMs: GIVE_WAY_CHECK_MS });
    state.now = 1_000 + GIVE_WAY_MS - 1;
    expect(pacing.hold()).toEqual({ afterMs: GIVE_WAY_CHECK_MS });
    state.now = 1_000 + GIVE_WAY_MS;
    expect(pacing.hold()).toBeNull();
  });

  it("goes on as soon as no delivery waits any more", () => {
    const { state, pacing } = clocked();
    state.waiting = true;
    pacing.after({ full: true, oldestWaitMs: 0 });
    state.waiting = false;
    state.now = 200;
    expect(pacing.hold()).toBeNull();
  });

  it("gives way no more, before or after a round, once its oldest activity had waited 30 s", () => {
    const { state, pacing } = clocked();
    state.waiting = true;
    expect(pacing.after({ full: true, oldestWaitMs: 30_000 })).toBe(true);
    expect(pacing.hold()).toBeNull();
    expect(pacing.after({ full: true, oldestWaitMs: 100 })).toEqual({ afterMs: GIVE_WAY_CHECK_MS });
    state.now = 100;
    expect(pacing.hold()).toEqual({ afterMs: GIVE_WAY_CHECK_MS });
  });

  it("never holds back without a writer to give way to", () => {
    const pacing = createPacing(undefined, () => 0);
    expect(pacing.hold()).toBeNull();
    expect(pacing.after({ full: true, oldestWaitMs: 0 })).toBe(true);
  });
});
