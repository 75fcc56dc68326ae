/**
 * The monthly report's evidence: one collapsible block per person with a line per glue credit,
 * newest first, so trimming a person's tail drops their oldest credits.
 */
import { isGlue } from "../classify/rules.js";
import {
  byContribution,
  link,
  linkText,
  listJoin,
  mentionHtml,
  plural,
  thousands,
} from "./monthly-format.js";
import type { ContributorSummary, ReportItem } from "./summarize.js";

/** One person's evidence: their glue credits newest first, each line rendered when first needed. */
export type PersonEvidence = { summary: string; items: readonly ReportItem[]; lines: string[] };

/** How much evidence to show: blocks for the first `people`, each with at most `items` lines. */
export type EvidenceLayout = { people: number; items: number };

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const newestFirst = (a: ReportItem, b: ReportItem): number =>
  compare(b.at, a.at) || compare(a.url, b.url) || compare(a.rule, b.rule) || compare(a.category, b.category);

const itemLine = (item: ReportItem): string =>
  `- ${item.at.slice(0, 10)} · ${item.category} · \`${item.rule}\` · ${link(linkText(item.url), item.url)}`;

const lineAt = (person: PersonEvidence, index: number): string => {
  const cached = person.lines[index];
  if (cached !== undefined) return cached;
  const line = itemLine(person.items[index] as ReportItem);
  person.lines[index] = line;
  return line;
};

/** Everyone with glue credits, most glue first, each with their glue credits newest first. */
export const evidencePeople = (contributors: readonly ContributorSummary[]): PersonEvidence[] =>
  [...contributors]
    .sort(byContribution)
    .filter((person) => person.glue > 0)
    .map((person) => ({
      summary: `<details><summary>${mentionHtml(person.login)} — ${person.glue} glue</summary>`,
      items: person.items.filter((item) => isGlue(item.category)).sort(newestFirst),
      lines: [],
    }));

/** The largest number of credits any one person has. */
export const mostItems = (people: readonly PersonEvidence[]): number =>
  people.reduce((most, person) => Math.max(most, person.items.length), 0);

const block = (person: PersonEvidence, items: number): string => {
  const shown = Math.min(items, person.items.length);
  const hidden = person.items.length - shown;
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
  const cut = people.slice(0, layout.people).some((person) => person.items.length > layout.items);
  if (cut) parts.push(`each person shows their newest ${plural(layout.items, "credit")}`);
  if (parts.length === 0) return null;
  return `_Evidence was trimmed to keep this issue under GitHub's limit of ${thousands(limit)} characters: ${listJoin(parts)}. \`gluework report\` lists every credit._`;
};

/**
 * The "Evidence" section for a layout (`people` must not be empty), or null as soon as it grows
 * past `budget` characters, so a layout that cannot fit is never rendered in full.
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
  for (const person of people.slice(0, layout.people)) {
    const text = block(person, layout.items);
    length += text.length + (blocks.length === 0 ? 2 : 1);
    if (length > budget) return null;
    blocks.push(text);
  }
  if (length > budget) return null;
  return [...parts, ...(blocks.length > 0 ? [blocks.join("\n")] : [])].join("\n\n");
};
