/**
 * The monthly report's evidence: one collapsible block per person with a line per glue credit,
 * newest first, so trimming a person's tail drops their oldest credits. A person's credits may
 * arrive cut to the newest few (`PersonMonth.newest`): a layout that would need one more than
 * arrived is not rendered.
 */
import { isGlue, RULES } from "../vocabulary/rules.js";
import { evidenceText } from "./describe-credit.js";
import { profileLinkHtml } from "./escape.js";
import type { PersonMonth } from "./month-summary.js";
import { compareText, listJoin, plural, sortByContribution, thousands } from "./monthly-format.js";
import type { ReportItem } from "./summarize.js";

/**
 * One person's evidence: `count` glue credits, of which `items` (the newest, newest first) are at
 * hand, each line rendered when first needed.
 */
export type PersonEvidence = {
  login: string;
  summary: string;
  count: number;
  items: readonly ReportItem[];
  lines: string[];
};

/** How much evidence to show: blocks for the first `people`, each with at most `items` lines. */
export type EvidenceLayout = { people: number; items: number };

const itemLine = (item: ReportItem): string =>
  `- ${item.at.slice(0, 10)} · ${item.category} · ${evidenceText(item, { withRepo: true })}`;

/**
 * No evidence line is shorter than this: `itemLine` of the glue rule with the shortest category
 * and id (a credit's category is its rule's), a 10-character date and an empty link.
 */
export const SHORTEST_ITEM_LINE = Math.min(
  ...RULES.filter((rule) => isGlue(rule.category)).map(
    (rule) =>
      itemLine({ at: "2026-01-01", category: rule.category, rule: rule.id, repo: "", url: "" }).length,
  ),
);

const lineAt = (person: PersonEvidence, index: number): string => {
  const cached = person.lines[index];
  if (cached !== undefined) return cached;
  const line = itemLine(person.items[index] as ReportItem);
  person.lines[index] = line;
  return line;
};

/** Everyone with glue credits, most glue first, each with their newest glue credits. */
export const evidencePeople = (
  contributors: readonly (Omit<PersonMonth, "newest"> & Partial<Pick<PersonMonth, "newest">>)[],
): PersonEvidence[] =>
  sortByContribution(contributors)
    .filter((person) => person.glue > 0)
    .map((person) => ({
      login: person.login,
      summary: `<details><summary>${profileLinkHtml(person.login, person.newest?.[0]?.url)} — ${plural(person.glue, "glue credit")}</summary>`,
      count: person.glue,
      items: person.newest?.slice(0, person.glue) ?? [],
      lines: [],
    }));

/** The largest number of glue credits any one person has. */
export const mostItems = (people: readonly { count: number }[]): number =>
  people.reduce((most, person) => Math.max(most, person.count), 0);

/** A person's block with at most `items` lines, or null when fewer of their credits are at hand. */
const block = (person: PersonEvidence, items: number): string | null => {
  const shown = Math.min(items, person.count);
  if (shown > person.items.length) return null;
  const hidden = person.count - shown;
  return [
    person.summary,
    "",
    ...Array.from({ length: shown }, (_, index) => lineAt(person, index)),
    ...(hidden > 0 ? [`- … and ${thousands(hidden)} more`] : []),
    "",
    "</details>",
  ].join("\n");
};

const trimNote = (
  people: readonly PersonEvidence[],
  layout: EvidenceLayout,
  limit: number,
): string | null => {
  const parts: string[] = [];
  if (layout.people === 0) {
    parts.push(`it is left out for all ${plural(people.length, "person", "people")}`);
  } else if (layout.people < people.length) {
    const rest = people.length - layout.people;
    parts.push(
      `${plural(rest, "person", "people")} with fewer glue credits ${rest === 1 ? "is" : "are"} not shown`,
    );
  }
  const cut = people.slice(0, layout.people).some((person) => person.count > layout.items);
  if (cut) parts.push(`each person shows their newest ${plural(layout.items, "credit")}`);
  if (parts.length === 0) return null;
  return `_Evidence was trimmed to keep this issue under GitHub's limit of ${thousands(limit)} characters: ${listJoin(parts)}. \`gluework report\` lists every credit._`;
};

/**
 * The "Evidence" section for a layout (`people` must not be empty), or null as soon as it grows
 * past `budget` characters, so a layout that cannot fit is never rendered in full. Also null when
 * the layout needs a credit that is not at hand (`evidenceQuota` fetches every credit a layout
 * that fits can need).
 */
export const evidenceSection = (
  people: readonly PersonEvidence[],
  layout: EvidenceLayout,
  limit: number,
  budget = Number.POSITIVE_INFINITY,
): string | null => {
  const note = trimNote(people, layout, limit);
  const parts = ["## Evidence", ...(note ? [note] : [])];
  let length = parts.reduce((sum, part) => sum + part.length + 2, -2);
  const blocks: string[] = [];
  // Those with the most glue are kept when not everyone fits; the blocks are listed by name.
  const shown = [...people.slice(0, layout.people)].sort((a, b) => compareText(a.login, b.login));
  for (const person of shown) {
    const text = block(person, layout.items);
    if (text === null) return null;
    length += text.length + (blocks.length === 0 ? 2 : 1);
    if (length > budget) return null;
    blocks.push(text);
  }
  if (length > budget) return null;
  return [...parts, ...(blocks.length > 0 ? [blocks.join("\n")] : [])].join("\n\n");
};
