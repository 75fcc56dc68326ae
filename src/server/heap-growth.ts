import { setFlagsFromString } from "node:v8";

/**
 * How far the embedded server's JavaScript heap may grow past what a full collection found alive,
 * in percent: to 1.6 times.
 */
export const EMBEDDED_HEAP_GROWING_PERCENT = 60;

/**
 * Keeps V8's heap within `percent` above the live data its last full collection found, from the
 * next full collection on. V8's own limit goes up to four times the live data when collecting is
 * cheap: under a burst of deliveries the embedded server's heap (35–40 MB alive) grew to about
 * 150 MB, nearly all of it garbage waiting for the next full collection, beside PostgreSQL's own
 * memory in the same process. Measured in alternating ingest runs at 60%: a peak about 80 MB
 * lower and as many deliveries a second.
 */
export const limitHeapGrowth = (percent: number): void => {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
};
