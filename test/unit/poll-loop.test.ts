import { describe, expect, it, vi } from "vitest";
import { createPollLoop } from "../../src/poll-loop.js";

describe("createPollLoop", () => {
  it("goes straight on while a round says there is more, pauses otherwise, and survives a failed round", async () => {
    vi.useFakeTimers();
    try {
      const answers: (boolean | Error)[] = [true, true, false, new Error("store gone"), false];
      let rounds = 0;
      const log = { error: vi.fn() };
      const loop = createPollLoop({
        round: async () => {
          const answer = answers[rounds] ?? false;
          rounds += 1;
          if (answer instanceof Error) throw answer;
          return answer;
        },
        pollMs: 1000,
        log,
        failure: "could not claim",
      });
      loop.start();
      await vi.advanceTimersByTimeAsync(0);
      // Two rounds with more to do, then the one that found nothing: three without a pause.
      expect(rounds).toBe(3);
      await vi.advanceTimersByTimeAsync(999);
      expect(rounds).toBe(3);
      await vi.advanceTimersByTimeAsync(1);
      expect(rounds).toBe(4);
      expect(log.error).toHaveBeenCalledWith({ err: "store gone" }, "could not claim");
      await vi.advanceTimersByTimeAsync(1000);
      expect(rounds).toBe(5);
      await loop.stop();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(rounds).toBe(5);
    } finally {
      vi.useRealTimers();
    }
  });

  it("waits the pause a round asks for before the next", async () => {
    vi.useFakeTimers();
    try {
      const answers = [{ afterMs: 250 }, false];
      let rounds = 0;
      const loop = createPollLoop({
        round: async () => answers[rounds++] ?? false,
        pollMs: 1000,
        log: { error: vi.fn() },
        failure: "failed",
      });
      loop.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(rounds).toBe(1);
      await vi.advanceTimersByTimeAsync(249);
      expect(rounds).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(rounds).toBe(2);
      // That round found nothing: the usual pause.
      await vi.advanceTimersByTimeAsync(999);
      expect(rounds).toBe(2);
      await vi.advanceTimersByTimeAsync(1);
      expect(rounds).toBe(3);
      await loop.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it("lets the round under way finish when stopped, and starts no other", async () => {
    let finish: (more: boolean) => void = () => {};
    let rounds = 0;
    const loop = createPollLoop({
      round: () => {
        rounds += 1;
        return new Promise<boolean>((resolve) => {
          finish = resolve;
        });
      },
      pollMs: 5,
      log: { error: vi.fn() },
      failure: "failed",
    });
    loop.start();
    await vi.waitFor(() => expect(rounds).toBe(1));
    const stopped = loop.stop();
    finish(true);
    await stopped;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rounds).toBe(1);
  });

  it("runs a round at once when woken, also when woken while a round is under way", async () => {
    vi.useFakeTimers();
    try {
      let rounds = 0;
      let finish: (more: boolean) => void = () => {};
      const loop = createPollLoop({
        round: () => {
          rounds += 1;
          return rounds === 2
            ? new Promise<boolean>((resolve) => (finish = resolve))
            : Promise.resolve(false);
        },
        pollMs: 60_000,
        log: { error: vi.fn() },
        failure: "failed",
      });
      loop.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(rounds).toBe(1);
      loop.wake();
      await vi.advanceTimersByTimeAsync(0);
      expect(rounds).toBe(2);
      // Woken during round 2, which then says there is nothing more: round 3 still comes at once.
      loop.wake();
      finish(false);
      await vi.advanceTimersByTimeAsync(0);
      expect(rounds).toBe(3);
      await vi.advanceTimersByTimeAsync(59_999);
      expect(rounds).toBe(3);
      await loop.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
