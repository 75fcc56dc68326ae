/**
 * Fits a rendered body under a character limit by walking down the layout ladder: the fullest
 * layout of the first rung that has one that fits (a binary search over that rung's knob).
 */
import { fullest, type Layout, layoutLadder } from "./layout-ladder.js";

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
 * The body for the fullest layout that fits in `limit` characters, trying the rungs of
 * `layoutLadder(full)` in order: everything; fewer evidence lines per person; evidence for fewer
 * people; no evidence and fewer table rows. Never throws: a limit too small for even that gets a
 * cut body.
 */
export const fitToLimit = (render: Render, full: Layout, limit: number): string => {
  const fitting = (layout: Layout): string | null => {
    const body = render(layout, limit);
    return body !== null && body.length <= limit ? body : null;
  };
  const fits = (layout: Layout) => fitting(layout) !== null;
  const unbounded = (layout: Layout) => render(layout, Number.POSITIVE_INFINITY) ?? "";
  const best = (layout: Layout) => fitting(layout) ?? hardCut(unbounded(layout), limit);
  const ladder = layoutLadder(full);
  for (const rung of ladder.rungs) {
    const layout = fullest(rung, fits);
    if (layout !== null) return best(layout);
  }
  return best(ladder.last);
};
