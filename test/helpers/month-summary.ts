/**
 * A `MonthSummary` from a report that lists every credit: what the publisher computes in the
 * database, computed here in memory from every credit, as the reference the SQL is checked against.
 */

import { type CarrierActivity, type MonthSummary, newestFirst } from "../../src/report/month-summary.js";
import { carriers } from "../../src/report/monthly-balance.js";
import { compareText } from "../../src/report/monthly-format.js";
import type { ContributorSummary, Report } from "../../src/report/summarize.js";
import { type Category, isGlue } from "../../src/vocabulary/rules.js";

/** The activity behind a carrier note, from everyone's credits. */
const carrierActivity = (
  contributors: readonly ContributorSummary[],
  category: Category,
  carrier: string,
  members: ReadonlySet<string>,
): CarrierActivity => {
  const key = carrier.toLowerCase();
  const own = contributors.find((person) => person.login.toLowerCase() === key);
  const repos = new Set(own?.items.filter((item) => item.category === category).map((item) => item.repo));
  const others = contributors
    .filter((person) => person.login.toLowerCase() !== key)
    .map((person) => ({
      login: person.login,
      credits: person.items.filter((item) => repos.has(item.repo)).length,
      member: members.has(person.login.toLowerCase()),
    }))
    .filter((person) => person.credits > 0);
  return { category, repos: [...repos].sort(compareText), others };
};

/**
 * The month summary of a report that lists every credit; `members` are the logins GitHub showed as
 * team members, `minCredits` is `report.balance.min_credits`.
 */
export const summarizeMonth = (
  report: Report,
  options: { members?: readonly string[]; minCredits?: number } = {},
): MonthSummary => {
  const members = new Set((options.members ?? []).map((login) => login.toLowerCase()));
  const contributors = report.contributors.map(({ items, weightedGlue: _, ...counts }) => ({
    ...counts,
    newest: items.filter((item) => isGlue(item.category)).sort(newestFirst),
  }));
  const repos = new Set<string>();
  for (const person of report.contributors) for (const item of person.items) repos.add(item.repo);
  return {
    contributors,
    repositories: repos.size,
    carriers: carriers(contributors, options.minCredits).map(({ category, login }) =>
      carrierActivity(report.contributors, category, login, members),
    ),
  };
};
