/**
 * The lag from delivery to credit: for each delivery that gave credits, from the moment the load
 * generator sent it to the moment its last credit was written, read from the server's store once
 * the classify stage has drained.
 */
import type { Sql } from "../../src/store/db.js";

export type CreditLag = {
  /** Deliveries sent that gave at least one credit. */
  deliveries: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
};

/** The `q` quantile (0..1) of sorted values, nearest rank. */
const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;

/**
 * `sentAt` maps delivery ids to their send time (epoch ms). A credit's `recorded_at` is the start
 * of the classify stage's transaction that wrote it (`now()`, on the same machine's clock), after
 * the rules ran: the figure leaves out only that transaction's own commit. A credit carries the
 * inbox entry it was made of (`activity_key`), and the entry its delivery.
 */
export const creditLag = async (sql: Sql, sentAt: ReadonlyMap<string, number>): Promise<CreditLag> => {
  const rows = await sql<{ delivery_id: string; written: number }[]>`
    select a.delivery_id, extract(epoch from max(c.recorded_at)) * 1000 as written
    from credits c
    join activities a on a.installation_id = c.installation_id and a.activity_key = c.activity_key
    where a.delivery_id = any(${[...sentAt.keys()]}::text[])
    group by a.delivery_id
  `;
  const lags = rows
    .map((row) => Number(row.written) - (sentAt.get(row.delivery_id) ?? Number.NaN))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  return {
    deliveries: lags.length,
    p50: quantile(lags, 0.5),
    p90: quantile(lags, 0.9),
    p99: quantile(lags, 0.99),
    max: lags.at(-1) ?? Number.NaN,
  };
};
