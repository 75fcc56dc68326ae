/** Small builders for report tests: credits, people and months as the report functions take them. */

import type { MonthlyReportInput } from "../../src/report/monthly-report.js";
import type { ContributorSummary, ReportItem } from "../../src/report/summarize.js";
import { categoryOf, isGlue, type RuleId } from "../../src/vocabulary/rules.js";
import { summarizeMonth } from "./month-summary.js";

/** One credit on `repo`'s PR `number`, on `day` of October 2026. */
export const credit = (
  rule: RuleId,
  repo: string,
  day: number,
  number = day,
  title?: string,
): ReportItem => ({
  category: categoryOf(rule),
  rule,
  repo,
  url: `https://github.com/${repo}/pull/${number}`,
  at: `2026-10-${String(day).padStart(2, "0")}T10:00:00.000Z`,
  ...(title ? { title } : {}),
});

/** `count` credits of one rule, on days 1, 2, … */
export const many = (count: number, rule: RuleId, repo: string, firstNumber = 1): ReportItem[] =>
  Array.from({ length: count }, (_, i) => credit(rule, repo, (i % 28) + 1, firstNumber + i));

export const person = (login: string, items: ReportItem[]): ContributorSummary => {
  const categories: ContributorSummary["categories"] = {};
  for (const item of items) categories[item.category] = (categories[item.category] ?? 0) + 1;
  const glue = items.filter((item) => isGlue(item.category)).length;
  return { login, glue, code: items.length - glue, categories, items };
};

/** October 2026 of `contributors`, summarised as the database would. */
export const october = (
  contributors: ContributorSummary[],
  options: { members?: string[]; minCredits?: number } = {},
) =>
  summarizeMonth(
    { installation: 1, since: "2026-10-01T00:00:00.000Z", until: "2026-11-01T00:00:00.000Z", contributors },
    options,
  );

export const monthInput = (overrides: Partial<MonthlyReportInput> = {}): MonthlyReportInput => ({
  period: "2026-10",
  scope: "acme",
  current: october([]),
  previous: { glue: 0, code: 0, people: 0, repositories: 0 },
  leftOut: null,
  highlights: { preventative: [], newcomers: [] },
  ...overrides,
});
