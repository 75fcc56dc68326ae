/**
 * The last six months of glue, for the monthly report's trend charts and its balance notes: per
 * month and category how many credits, from how many people, and the most any one person did; per
 * month how many people together did half of the glue (how concentrated it is).
 */

import type { MonthTrend } from "../vocabulary/ledger.js";
import { CATEGORIES, type Category, isGlue } from "../vocabulary/rules.js";
import { lineChart } from "./mermaid.js";
import { compactTable, thousands } from "./monthly-format.js";

export type { MonthTrend };

/** How many months of trend the report shows, this month included. */
export const TREND_MONTHS = 6;

const SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-10" → "Oct 2026". */
export const shortMonth = (period: string): string => {
  const [year, month] = period.split("-").map(Number) as [number, number];
  return `${SHORT[month - 1] ?? "?"} ${year}`;
};

/** The `TREND_MONTHS` periods ending with `period`, oldest first. */
export const trendPeriods = (period: string): string[] => {
  const [year, month] = period.split("-").map(Number) as [number, number];
  return Array.from({ length: TREND_MONTHS }, (_, index) => {
    const date = new Date(Date.UTC(year, month - 1 - (TREND_MONTHS - 1 - index), 1));
    return date.toISOString().slice(0, 7);
  });
};

/** `months` padded to the six periods ending with `period` (a month without glue counts zero). */
export const fillTrend = (period: string, months: readonly MonthTrend[]): MonthTrend[] => {
  const byPeriod = new Map(months.map((month) => [month.period, month]));
  return trendPeriods(period).map(
    (each) => byPeriod.get(each) ?? { period: each, categories: {}, glue: 0, people: 0, half: 0 },
  );
};

/** Glue categories with credits in any of `months`, most credits over the months first. */
const categoriesOf = (months: readonly MonthTrend[]): Category[] => {
  const totals = new Map<Category, number>();
  for (const month of months)
    for (const category of CATEGORIES)
      if (isGlue(category))
        totals.set(category, (totals.get(category) ?? 0) + (month.categories[category]?.total ?? 0));
  return CATEGORIES.filter((category) => (totals.get(category) ?? 0) > 0).sort(
    (a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || CATEGORIES.indexOf(a) - CATEGORIES.indexOf(b),
  );
};

/**
 * "### The last N months": glue credits per month and how many people did half of them (two line
 * charts), then glue by category per month as a table. The months before the first with glue are
 * left out: before Gluework was installed or had imported history there is no record, and a zero
 * there would claim nobody did any. Null when fewer than two of the six months remain.
 */
export const trendSection = (period: string, months: readonly MonthTrend[]): string | null => {
  const padded = fillTrend(period, months);
  const first = padded.findIndex((month) => month.glue > 0);
  const filled = first < 0 ? [] : padded.slice(first);
  if (filled.length < 2) return null;
  const labels = filled.map((month) => shortMonth(month.period));
  const categories = categoriesOf(filled);
  const glue = lineChart(
    "Glue credits per month",
    "Glue credits",
    filled.map((month, index) => ({ label: labels[index] ?? month.period, value: month.glue })),
  );
  const half = lineChart(
    "People who together did half of the glue",
    "People",
    filled.map((month, index) => ({ label: labels[index] ?? month.period, value: month.half })),
  );
  const table = compactTable(
    ["Category", ...labels.map((label) => label.slice(0, 3))],
    ["l", ...labels.map(() => "r" as const)],
    categories.map((category) => [
      category,
      ...filled.map((month) => thousands(month.categories[category]?.total ?? 0)),
    ]),
  );
  return [
    `### The last ${filled.length === TREND_MONTHS ? "six" : filled.length} months (${labels[0]} to ${labels.at(-1)})`,
    "More people sharing half of the glue means it is spread more widely; fewer means it rests on a few.",
    glue,
    half,
    "Glue credits by category and month:",
    table,
  ].join("\n\n");
};
