/** Time as the importer sees it: injectable, so tests move it forward instead of waiting. */
export type Clock = {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
};

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** The system clock whose sleeps end early when `signal` aborts (a server shutting down). */
export const abortableClock = (signal: AbortSignal): Clock => ({
  now: () => Date.now(),
  sleep: (ms) =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      }
      signal.addEventListener("abort", done, { once: true });
    }),
});

/**
 * A clock whose long sleeps (a wait for the rate-limit reset) are cut into pieces with `between`
 * run after each, so a lease can be renewed while its holder waits.
 */
export const clockWithHeartbeat = (clock: Clock, pieceMs: number, between: () => Promise<void>): Clock => ({
  now: clock.now,
  sleep: async (ms) => {
    let left = ms;
    while (left > pieceMs) {
      await clock.sleep(pieceMs);
      left -= pieceMs;
      await between();
    }
    await clock.sleep(left);
  },
});
