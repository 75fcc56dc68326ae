/**
 * How many of each person's newest glue credits the monthly report could ever show, from counts
 * alone: the publisher fetches only those, so the rows it reads grow with what fits in an issue,
 * not with the month's credits.
 */

import type { PersonMonth } from "./month-summary.js";
import { evidencePeople, mostItems, SHORTEST_ITEM_LINE } from "./monthly-evidence.js";
import { ITEMS_WHEN_DROPPING_PEOPLE, largest } from "./trim-to-limit.js";

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
 * as `SHORTEST_ITEM_LINE`) is longer cannot fit, so its credits are never needed. Mirrors
 * `fitToLimit`: first everyone with the same number of lines each, then the people with the most
 * glue with `ITEMS_WHEN_DROPPING_PEOPLE` lines each. People who need none are left out.
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
  const most = mostItems(people);
  const eachGets = (n: number) => people.reduce((sum, person) => sum + Math.min(n, person.count), 0);
  const everyone = blocks.at(-1) ?? 0;
  const perPerson = largest(0, most, (n) => everyone + eachGets(n) * LINE <= budget) ?? 0;
  const kept = Math.min(most, ITEMS_WHEN_DROPPING_PEOPLE);
  const lines = [0];
  for (const person of people) lines.push((lines.at(-1) ?? 0) + Math.min(kept, person.count));
  const first =
    largest(0, people.length, (n) => (n === 0 ? 0 : (blocks[n] ?? 0) + (lines[n] ?? 0) * LINE) <= budget) ??
    0;
  const quota = new Map<string, number>();
  people.forEach((person, index) => {
    const n = Math.max(Math.min(perPerson, person.count), index < first ? Math.min(kept, person.count) : 0);
    if (n > 0) quota.set(person.login, n);
  });
  return quota;
};
