/**
 * Small text helpers shared by the monthly report's template functions. Everything here is pure
 * and locale-independent, so the same input always gives the same Markdown.
 */
import type { ContributorSummary } from "./summarize.js";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

const parsePeriod = (period: string): { year: number; month: number } | null => {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? { year, month } : null;
};

/** "2026-10" → "October 2026"; anything else is returned as written. */
export const monthLabel = (period: string): string => {
  const parsed = parsePeriod(period);
  return parsed ? `${MONTHS[parsed.month - 1]} ${parsed.year}` : period;
};

/** The month before `period` ("2026-01" → "December 2025"), or "last month" when unparseable. */
export const previousMonthLabel = (period: string): string => {
  const parsed = parsePeriod(period);
  if (!parsed) return "last month";
  return parsed.month === 1 ? `December ${parsed.year - 1}` : `${MONTHS[parsed.month - 2]} ${parsed.year}`;
};

/** 65536 → "65,536", without depending on the process locale. */
export const thousands = (value: number): string =>
  Math.abs(value) < 1000 ? String(value) : String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

const PLURALS = new Intl.PluralRules("en-US");

/** "1 credit", "2 credits": the form `Intl.PluralRules` picks for English, with the count shown. */
export const plural = (count: number, one: string, many = `${one}s`): string =>
  `${thousands(count)} ${PLURALS.select(count) === "one" ? one : many}`;

/** The word alone, in the form `count` takes ("was"/"were", "is"/"are"). */
export const pluralWord = (count: number, one: string, many: string): string =>
  PLURALS.select(count) === "one" ? one : many;

/** ["a", "b", "c"] → "a, b and c". */
export const listJoin = (parts: readonly string[]): string =>
  parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;

/** The first `max` entries, then "1 other" or "N others" (or `one`/`many`) for the rest. */
export const listCapped = (parts: readonly string[], max: number, one = "other", many = `${one}s`): string =>
  parts.length <= max
    ? listJoin(parts)
    : listJoin([...parts.slice(0, max), plural(parts.length - max, one, many)]);

/** A whole percentage that never claims 0% or 100% unless it is exactly that. */
export const percent = (part: number, whole: number): string => {
  if (whole === 0) return "0%";
  const rounded = Math.round((part / whole) * 100);
  const clamped = part > 0 && part < whole ? Math.min(Math.max(rounded, 1), 99) : rounded;
  return `${clamped}%`;
};

/** Case-insensitive, then exact, so the order never depends on the locale. */
export const compareText = (a: string, b: string): number => {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
};

/** Most glue first, then most code, then login. */
const byContribution = (
  a: Pick<ContributorSummary, "login" | "glue" | "code">,
  b: Pick<ContributorSummary, "login" | "glue" | "code">,
): number => b.glue - a.glue || b.code - a.code || compareText(a.login, b.login);

/**
 * `people` most glue first, then most code, then by login (`byContribution`). People already in
 * that order (the report sorts them once) are only checked; otherwise each login is lower-cased
 * once rather than in every comparison: a big month has thousands of people with the same counts.
 */
export const sortByContribution = <T extends Pick<ContributorSummary, "login" | "glue" | "code">>(
  people: readonly T[],
): T[] => {
  if (people.every((person, i) => i === 0 || byContribution(people[i - 1] as T, person) <= 0))
    return [...people];
  return people
    .map((person) => ({ person, lower: person.login.toLowerCase() }))
    .sort(
      (a, b) =>
        b.person.glue - a.person.glue ||
        b.person.code - a.person.code ||
        (a.lower !== b.lower ? (a.lower < b.lower ? -1 : 1) : compareText(a.person.login, b.person.login)),
    )
    .map(({ person }) => person);
};

/** "▲ 12 (+20%)", "▼ 3 (-10%)", "=" or "new" (nothing last month). */
export const trend = (current: number, previous: number): string => {
  if (current === previous) return "=";
  if (previous === 0) return "new";
  const delta = current - previous;
  const change = Math.round((Math.abs(delta) / previous) * 100);
  const shown = change === 0 ? "<1" : thousands(change);
  return `${delta > 0 ? "▲" : "▼"} ${thousands(Math.abs(delta))} (${delta > 0 ? "+" : "-"}${shown}%)`;
};

/** A compact GitHub Markdown table: no padding, so long tables cost as little as possible. */
export const compactTable = (
  header: readonly string[],
  align: readonly ("l" | "r")[],
  rows: readonly string[][],
) =>
  [
    `| ${header.join(" | ")} |`,
    `| ${align.map((side) => (side === "l" ? ":--" : "--:")).join(" | ")} |`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n");
