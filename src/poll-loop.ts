import type { Logger } from "pino";

/** After a round: more to do at once (true), nothing at once (false), or more after a pause. */
export type RoundOutcome = boolean | { afterMs: number };

export type PollLoopOptions = {
  /** One round of work, and when the next is due. */
  round: () => Promise<RoundOutcome>;
  /** The pause after a round that left nothing to do at once, or failed. */
  pollMs: number;
  log: Pick<Logger, "error">;
  /** The log message for a round that failed. */
  failure: string;
  /** The pause before the first round (0: at once). */
  firstDelayMs?: number;
};

/**
 * Runs `round` in the background until stopped: again at once while it says there is more, or
 * when `wake` was called, after the pause it asks for, else after `pollMs`. A failed round is
 * logged and the loop goes on; `stop` waits for the round under way.
 */
export const createPollLoop = ({ round, pollMs, log, failure, firstDelayMs = 0 }: PollLoopOptions) => {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<RoundOutcome> | null = null;
  let woken = false;

  const tick = async () => {
    let outcome: RoundOutcome = false;
    try {
      do {
        woken = false;
        running = round();
        outcome = await running;
      } while ((outcome === true || woken) && timer !== null);
    } catch (error) {
      outcome = false;
      log.error({ err: error instanceof Error ? error.message : String(error) }, failure);
    } finally {
      running = null;
      if (timer !== null) timer = setTimeout(tick, typeof outcome === "object" ? outcome.afterMs : pollMs);
    }
  };

  return {
    start: () => {
      if (timer === null) timer = setTimeout(tick, firstDelayMs);
    },
    /** Something to do turned up: run a round now rather than after the pause. */
    wake: () => {
      if (timer === null) return;
      if (running !== null) {
        woken = true;
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(tick, 0);
    },
    stop: async () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await running?.catch(() => false);
    },
  };
};
