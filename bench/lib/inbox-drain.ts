/**
 * Whether the classify stage keeps up: after a load, how long until no activity waits in the
 * inbox, read from the server's own store.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Sql } from "../../src/store/db.js";
import { countWaiting } from "../../src/store/inbox.js";

export type Drain = {
  /** Activities waiting for the classify stage when the load ended. */
  waitingAtEnd: number;
  /** Seconds from the load's end until none waited; null when they still waited at `limitS`. */
  seconds: number | null;
  /** Activities still waiting when the wait ended (0 when drained). */
  waitingLeft: number;
  /** Activities the classify stage tried more than once (a read failed and was retried). */
  retried: number;
};

const retriedCount = async (sql: Sql): Promise<number> => {
  const [row]: [{ n: number }?] = await sql`select count(*)::int as n from activities where attempts > 1`;
  return row?.n ?? 0;
};

/**
 * Polls the inbox every `everyMs` from `endedAt` (the load's end, epoch ms) until it is empty or
 * `limitS` seconds have gone by. The count is of waiting activities only (a partial index), so
 * polling costs the store little.
 */
export const waitForDrain = async (
  sql: Sql,
  endedAt: number,
  { limitS = 120, everyMs = 100 }: { limitS?: number; everyMs?: number } = {},
): Promise<Drain> => {
  const waitingAtEnd = await countWaiting(sql);
  let waiting = waitingAtEnd;
  while (waiting > 0 && Date.now() - endedAt < limitS * 1000) {
    await sleep(everyMs);
    waiting = await countWaiting(sql);
  }
  return {
    waitingAtEnd,
    seconds: waiting === 0 ? (Date.now() - endedAt) / 1000 : null,
    waitingLeft: waiting,
    retried: await retriedCount(sql),
  };
};
