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
