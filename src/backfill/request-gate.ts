import { type Clock, systemClock } from "./clock.js";

export type RequestGateOptions = {
  /** Requests to GitHub under way at once, across every repository being imported. */
  maxInFlight?: number;
  /**
   * Requests started per minute. GitHub's secondary limit allows 2,000 points a minute on the
   * GraphQL endpoint (a query without mutations is one point, as is a REST GET); this stays well inside.
   */
  perMinute?: number;
  clock?: Clock;
};

export const DEFAULT_MAX_IN_FLIGHT = 8;
export const DEFAULT_PER_MINUTE = 1000;

/**
 * The one door every history request goes through when several repositories are imported at
 * once: at most `maxInFlight` requests under way and `perMinute` started in any minute. A request
 * waiting for a slot holds nothing; the importers of different repositories share one gate.
 */
export const createRequestGate = (options: RequestGateOptions = {}) => {
  const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  const perMinute = options.perMinute ?? DEFAULT_PER_MINUTE;
  const clock = options.clock ?? systemClock;
  const waiting: (() => void)[] = [];
  const started: number[] = [];
  let inFlight = 0;
  let peak = 0;

  const acquire = async (): Promise<void> => {
    if (inFlight >= maxInFlight) await new Promise<void>((resolve) => waiting.push(resolve));
    else inFlight += 1;
    peak = Math.max(peak, inFlight);
    for (;;) {
      const now = clock.now();
      while (started.length > 0 && (started[0] as number) <= now - 60_000) started.shift();
      if (started.length < perMinute) break;
      await clock.sleep((started[0] as number) + 60_000 - now);
    }
    started.push(clock.now());
  };

  const release = () => {
    const next = waiting.shift();
    // The slot passes straight to the next waiter: the count stays as it is.
    if (next) next();
    else inFlight -= 1;
  };

  return {
    /** Runs `request` once a slot is free, and frees it when the request settles. */
    run: async <T>(request: () => Promise<T>): Promise<T> => {
      await acquire();
      try {
        return await request();
      } finally {
        release();
      }
    },
    /** The most requests that were ever under way at once. */
    peakInFlight: () => peak,
  };
};

export type RequestGate = ReturnType<typeof createRequestGate>;
