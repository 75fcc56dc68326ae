import { describe, expect, it } from "vitest";
import type { Clock } from "../../src/backfill/clock.js";
import { countObjects, createPageSizer } from "../../src/backfill/page-sizer.js";
import { createRequestGate } from "../../src/backfill/request-gate.js";
import { etaSeconds, formatSeconds } from "../../src/cli/backfill-progress.js";

/** A clock whose sleeps move its time forward at once, remembered. */
const fakeClock = (): Clock & { sleeps: number[] } => {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
};

/** A request that settles when the test says so. */
const pending = () => {
  let settle = () => {};
  const done = new Promise<void>((resolve) => {
    settle = resolve;
  });
  return { done, settle };
};

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
};

describe("the request gate", () => {
  it("never lets more than maxInFlight requests run at once, and runs every one", async () => {
    const gate = createRequestGate({ maxInFlight: 8 });
    const requests = Array.from({ length: 20 }, pending);
    let running = 0;
    let most = 0;
    const all = requests.map((request) =>
      gate.run(async () => {
        running += 1;
        most = Math.max(most, running);
        await request.done;
        running -= 1;
      }),
    );
    await until(() => running === 8);
    for (const request of requests) request.settle();
    await Promise.all(all);
    expect(most).toBe(8);
    expect(gate.peakInFlight()).toBe(8);
  });

  it("frees a slot when a request fails", async () => {
    const gate = createRequestGate({ maxInFlight: 1 });
    await expect(gate.run(() => Promise.reject(new Error("502")))).rejects.toThrow("502");
    expect(await gate.run(async () => "next")).toBe("next");
  });

  it("starts no more than perMinute requests in any minute", async () => {
    const clock = fakeClock();
    const gate = createRequestGate({ maxInFlight: 8, perMinute: 3, clock });
    const started: number[] = [];
    for (let i = 0; i < 5; i += 1) await gate.run(async () => started.push(clock.now()));
    expect(started).toEqual([0, 0, 0, 60_000, 60_000]);
  });
});

describe("the page sizer", () => {
  it("starts pull requests at a full page and sizes later pages to the objects learned", () => {
    const sizer = createPageSizer({ targetObjects: 4000 });
    expect(sizer.size("pull_requests")).toBe(100);
    sizer.learn("pull_requests", 16_000, 100);
    expect(sizer.size("pull_requests")).toBe(25);
    sizer.learn("pull_requests", 100_000, 10);
    expect(sizer.size("pull_requests")).toBe(10);
    sizer.learn("pull_requests", 100, 100);
    expect(sizer.size("pull_requests")).toBe(100);
    expect(sizer.size("releases")).toBe(100);
  });

  it("counts every object of an answer", () => {
    expect(countObjects({ a: [{ b: 1 }, { c: { d: null } }], e: "x" })).toBe(4);
  });
});

describe("the time left", () => {
  it("is the pace so far applied to the repositories still to go", () => {
    expect(etaSeconds(0, 100, 5000)).toBeNull();
    expect(etaSeconds(25, 100, 60_000)).toBe(180);
    expect(formatSeconds(245)).toBe("4m 05s");
    expect(formatSeconds(37)).toBe("37s");
  });
});
