import { isConnectionLost } from "./connection-lost.js";
import type { Sql } from "./db.js";
import { type DeliveryRecord, recordDeliveries } from "./record-credits.js";

type Waiting = { record: DeliveryRecord; resolve: (fresh: number) => void; reject: (error: unknown) => void };

export type DeliveryWriterOptions = {
  /**
   * Transactions under way at once; deliveries arriving meanwhile wait and share the next. One by
   * default: under a burst every transaction then carries all the deliveries that arrived during
   * the last, the fewest commits for PostgreSQL (measured: a third less of its time per delivery
   * than with two). A transaction held up by a lock gives up within the lock timeout.
   */
  concurrency?: number;
  /** Deliveries at most in one transaction. */
  maxBatch?: number;
};

/**
 * Group commit for webhook deliveries: each delivery is answered only once its transaction has
 * committed, but deliveries that arrive while earlier ones are being written share the next
 * transaction, so a burst costs PostgreSQL a few commits instead of one each, and the
 * deliveries of one review (which lock the same PR) wait for each other far less. Nothing waits
 * on a timer: a lone delivery is written at once.
 *
 * If a shared transaction fails, each of its deliveries is written alone, so one delivery the
 * store refuses fails only itself (answered 5xx, redelivered by GitHub); one written alone whose
 * connection was lost is tried once more.
 */
export const createDeliveryWriter = (
  sql: Sql,
  { concurrency = 1, maxBatch = 100 }: DeliveryWriterOptions = {},
) => {
  const queue: Waiting[] = [];
  let writing = 0;
  let waited = false;

  // A connection lost or refused (the store just came back, a pooled connection was cut) is tried
  // once more on a new one before the delivery fails: writing a delivery twice stores it once.
  const recordOne = async (record: DeliveryRecord): Promise<number> => {
    try {
      const [fresh = 0] = await recordDeliveries(sql, [record]);
      return fresh;
    } catch (error) {
      if (!isConnectionLost(error)) throw error;
      const [fresh = 0] = await recordDeliveries(sql, [record]);
      return fresh;
    }
  };

  const writeAlone = async ({ record, resolve, reject }: Waiting) => {
    try {
      resolve(await recordOne(record));
    } catch (error) {
      reject(error);
    }
  };

  const write = async (batch: Waiting[]) => {
    if (batch.length === 1) return writeAlone(batch[0] as Waiting);
    try {
      const fresh = await recordDeliveries(
        sql,
        batch.map((waiting) => waiting.record),
      );
      batch.forEach((waiting, i) => {
        waiting.resolve(fresh[i] ?? 0);
      });
    } catch {
      await Promise.all(batch.map(writeAlone));
    }
  };

  const pump = () => {
    while (writing < concurrency && queue.length > 0) {
      writing += 1;
      void write(queue.splice(0, maxBatch)).finally(() => {
        writing -= 1;
        pump();
      });
    }
  };

  return {
    /** Resolves with how many credit rows the delivery added, once they are committed. */
    record: (record: DeliveryRecord): Promise<number> =>
      new Promise((resolve, reject) => {
        if (writing >= concurrency) waited = true;
        queue.push({ record, resolve, reject });
        pump();
      }),
    /**
     * Whether a delivery had to wait behind transactions under way since this was last asked: the
     * webhooks are keeping the store busy, and work that can wait (classifying) should give way.
     */
    deliveriesWaited: (): boolean => {
      const was = waited;
      waited = false;
      return was;
    },
  };
};

export type DeliveryWriter = ReturnType<typeof createDeliveryWriter>;
