/**
 * How many of each person's newest glue credits the monthly report could ever show, from counts
 * alone: the publisher fetches only those, so the rows it reads grow with what fits in an issue,
 * not with the month's credits.
 */

import { fullest, fullLayout, type Layout, layoutLadder } from "./layout-ladder.js";
import type { PersonMonth } from "./month-summary.js";
import { evidencePeople, SHORTEST_ITEM_LINE } from "./monthly-evidence.js";

/** "## Evidence" and the blank line after it. */
const HEADING = "## Evidence".length + 2;
/** A block's three line breaks around its lines, "</details>", and the line break between blocks. */
const BLOCK = 3 + "</details>".length + 1;
/** A credit line and its line break, at least. */
const LINE = SHORTEST_ITEM_LINE + 1;

/**
 * Credits to fetch per person (by login) so that every evidence layout `fitToLimit` can choose is
 * complete, given `budget`: the most characters the evidence section can have (`evidenceBudget`).
 * A layout whose shortest possible rendering (its blocks' summaries, and every credit line as short
 * as `SHORTEST_ITEM_LINE`) is longer cannot fit, so its credits are never needed. It walks the same
 * `layoutLadder` as `fitToLimit`, taking the fullest layout of every rung that might fit (not only
 * the first rung's: the real renderer may need to go further down). People who need none are left
 * out.
 */
export const evidenceQuota = (
  contributors: readonly Omit<PersonMonth, "newest">[],
  budget: number,
): Map<string, number> => {
  const people = evidencePeople(contributors);
  // The shortest the section can be with the first `n` people and no lines yet (one break fewer
  // between blocks than blocks).
  const blocks = [HEADING - 1];
  for (const person of people) blocks.push((blocks.at(-1) ?? 0) + person.summary.length + BLOCK);
  const shown = ({ evidence }: Layout, count: number, index: number) =>
    index < evidence.people ? Math.min(evidence.items, count) : 0;
  const shortest = (layout: Layout) =>
    (blocks[layout.evidence.people] ?? 0) +
    people.reduce((sum, person, index) => sum + shown(layout, person.count, index), 0) * LINE;
  const possible = layoutLadder(fullLayout(contributors.length, people)).rungs.flatMap(
    (rung) => fullest(rung, (layout) => shortest(layout) <= budget) ?? [],
  );
  const quota = new Map<string, number>();
  people.forEach((person, index) => {
    const n = Math.max(0, ...possible.map((layout) => shown(layout, person.count, index)));
    if (n > 0) quota.set(person.login, n);
  });
  return quota;
};
