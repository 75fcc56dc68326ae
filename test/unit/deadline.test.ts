import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DELIVERY_DEADLINE_MS, DeadlineError, withinDeadline } from "../../src/handlers/deadline.js";

describe("withinDeadline", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("fails work that has not settled by the deadline, before GitHub's 9 seconds", async () => {
    expect(DELIVERY_DEADLINE_MS).toBeLessThan(9_000);
    const stuck = withinDeadline(DELIVERY_DEADLINE_MS, "storing", () => new Promise<void>(() => {}));
    const outcome = expect(stuck).rejects.toBeInstanceOf(DeadlineError);
    await vi.advanceTimersByTimeAsync(DELIVERY_DEADLINE_MS);
    await outcome;
  });

  it("gives back what finished in time, and the error of what failed in time", async () => {
    await expect(withinDeadline(1_000, "x", async () => 42)).resolves.toBe(42);
    await expect(
      withinDeadline(1_000, "x", async () => Promise.reject(new Error("store gone"))),
    ).rejects.toThrow("store gone");
  });
});
