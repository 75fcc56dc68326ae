/**
 * Fits a rendered body under a character limit by showing less evidence, and only then fewer
 * table rows. Each step keeps the most it can (a binary search over one knob at a time).
 */
import type { EvidenceLayout } from "./monthly-evidence.js";

/** How much of the variable-length content to render. */
export type Layout = { rows: number; evidence: EvidenceLayout };

/** Evidence lines kept for each person once people have to be left out. */
export const ITEMS_WHEN_DROPPING_PEOPLE = 5;

/** The largest n in [low, high] for which `fits(n)`, assuming it is monotone; null when none. */
export const largest = (low: number, high: number, fits: (n: number) => boolean): number | null => {
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

/** Cuts at the last line break before `limit`: only for limits too small for any layout. */
const hardCut = (body: string, limit: number): string => {
  const cut = body.slice(0, Math.max(0, limit - 2));
  const lastBreak = cut.lastIndexOf("\n");
  return `${lastBreak > 0 ? cut.slice(0, lastBreak) : cut}\n…`.slice(0, limit);
};

/**
 * Renders a layout, or returns null when the body would be longer than `budget` (a renderer may
 * give up early instead of building a body that cannot fit).
 */
export type Render = (layout: Layout, budget: number) => string | null;

/**
 * The body for the fullest layout that fits in `limit` characters. In order, it tries: everything;
 * fewer evidence lines per person (newest kept); evidence for fewer people (most glue kept); no
 * evidence and fewer table rows. Never throws: a limit too small for even that gets a cut body.
 */
export const fitToLimit = (render: Render, full: Layout, limit: number): string => {
  const fitting = (layout: Layout): string | null => {
    const body = render(layout, limit);
    return body !== null && body.length <= limit ? body : null;
  };
  const fits = (layout: Layout) => fitting(layout) !== null;
  const unbounded = (layout: Layout) => render(layout, Number.POSITIVE_INFINITY) ?? "";
  const best = (layout: Layout) => fitting(layout) ?? hardCut(unbounded(layout), limit);
  if (fits(full)) return best(full);

  const { people, items } = full.evidence;
  const perPerson = largest(1, items - 1, (n) => fits({ rows: full.rows, evidence: { people, items: n } }));
  if (perPerson !== null) return best({ rows: full.rows, evidence: { people, items: perPerson } });

  const kept = Math.min(items, ITEMS_WHEN_DROPPING_PEOPLE);
  const fewer = largest(0, people - 1, (n) =>
    fits({ rows: full.rows, evidence: { people: n, items: kept } }),
  );
  if (fewer !== null) return best({ rows: full.rows, evidence: { people: fewer, items: kept } });

  const none = { people: 0, items: kept };
  const rows = largest(0, full.rows - 1, (n) => fits({ rows: n, evidence: none }));
  return best({ rows: rows ?? 0, evidence: none });
};
