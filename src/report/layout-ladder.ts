/**
 * The order in which the monthly report gives up content to fit in an issue, stated once. The
 * body (`fitToLimit`) and the credits fetched for it (`evidenceQuota`) both walk this ladder, so
 * what is fetched cannot drift from what may be shown.
 */
import { type EvidenceLayout, mostItems } from "./monthly-evidence.js";

/** How much of the variable-length content to render. */
export type Layout = { rows: number; evidence: EvidenceLayout };

/** Evidence lines kept for each person once people have to be left out. */
export const ITEMS_WHEN_DROPPING_PEOPLE = 5;

/**
 * One step down: a single knob turned, giving `at(n)` for each n from `low` to `high`. A larger n
 * shows more, so the fullest layout that passes a test is found by bisection.
 */
export type Rung = { low: number; high: number; at: (n: number) => Layout };

/** Every table row, and evidence for every person with every one of their glue credits. */
export const fullLayout = (rows: number, people: readonly { count: number }[]): Layout => ({
  rows,
  evidence: { people: people.length, items: mostItems(people) },
});

/**
 * The rungs from `full` down, in the order they are tried: everything; fewer evidence lines per
 * person (the newest kept); evidence for fewer people (those with the most glue kept), with at
 * most `ITEMS_WHEN_DROPPING_PEOPLE` lines each; no evidence and fewer table rows. `last` is what
 * is left when no rung has a layout that fits: no evidence and no rows.
 */
export const layoutLadder = (full: Layout): { rungs: Rung[]; last: Layout } => {
  const { rows, evidence } = full;
  const lines = (n: number): Layout => ({ rows, evidence: { people: evidence.people, items: n } });
  const kept = Math.min(evidence.items, ITEMS_WHEN_DROPPING_PEOPLE);
  const none = { people: 0, items: kept };
  return {
    rungs: [
      // Everything is tried on its own: it alone has no note on what was cut, so it can be shorter
      // than a layout that shows less, and a bisection over both could miss it.
      { low: evidence.items, high: evidence.items, at: lines },
      { low: 1, high: evidence.items - 1, at: lines },
      { low: 0, high: evidence.people - 1, at: (n) => ({ rows, evidence: { people: n, items: kept } }) },
      { low: 0, high: rows - 1, at: (n) => ({ rows: n, evidence: none }) },
    ],
    last: { rows: 0, evidence: none },
  };
};

/** The largest n in [low, high] for which `fits(n)`, assuming it is monotone; null when none. */
const largest = (low: number, high: number, fits: (n: number) => boolean): number | null => {
  if (high < low || !fits(low)) return null;
  let lo = low;
  let hi = high;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
};

/** The fullest layout of `rung` that passes `ok` (assumed to pass every smaller one too), or null. */
export const fullest = (rung: Rung, ok: (layout: Layout) => boolean): Layout | null => {
  const n = largest(rung.low, rung.high, (m) => ok(rung.at(m)));
  return n === null ? null : rung.at(n);
};
