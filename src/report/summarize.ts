import { CATEGORIES, type Category, isGlue, type RuleId } from "../classify/rules.js";
import type { CreditRow } from "../store/query-credits.js";

export type ReportItem = { category: Category; rule: RuleId; repo: string; url: string; at: string };

export type ContributorSummary = {
  login: string;
  /** Glue credits: every category but `code`. */
  glue: number;
  code: number;
  categories: Partial<Record<Category, number>>;
  items: ReportItem[];
};

/** The JSON contract of `gluework report --format json`. */
export type Report = {
  installation: number;
  since: string;
  until: string;
  contributors: ContributorSummary[];
};

/** Orders categories as the rule table lists them. */
const byCategoryOrder = (a: Category, b: Category) => CATEGORIES.indexOf(a) - CATEGORIES.indexOf(b);

/**
 * Credit rows → one summary per contributor, most glue first. Every credit is an item; nothing
 * is truncated.
 */
export const summarize = (
  rows: readonly CreditRow[],
  window: { installation: number; since: Date; until: Date },
): Report => {
  const people = new Map<string, ContributorSummary>();
  for (const row of rows) {
    const key = row.actorLogin.toLowerCase();
    const person = people.get(key) ?? { login: row.actorLogin, glue: 0, code: 0, categories: {}, items: [] };
    people.set(key, person);
    if (isGlue(row.category)) person.glue += 1;
    else person.code += 1;
    person.categories[row.category] = (person.categories[row.category] ?? 0) + 1;
    person.items.push({
      category: row.category,
      rule: row.rule,
      repo: row.repo,
      url: row.url,
      at: row.occurredAt.toISOString(),
    });
  }
  const contributors = [...people.values()]
    .map((person) => ({
      ...person,
      categories: Object.fromEntries(
        (Object.keys(person.categories) as Category[])
          .sort(byCategoryOrder)
          .map((c) => [c, person.categories[c]]),
      ),
    }))
    .sort((a, b) => b.glue - a.glue || b.code - a.code || a.login.localeCompare(b.login));
  return {
    installation: window.installation,
    since: window.since.toISOString(),
    until: window.until.toISOString(),
    contributors,
  };
};

/** Category totals across everyone, in category order. */
export const categoryTotals = (report: Report): [Category, number][] =>
  CATEGORIES.map(
    (category) =>
      [
        category,
        report.contributors.reduce((sum, person) => sum + (person.categories[category] ?? 0), 0),
      ] as [Category, number],
  ).filter(([, count]) => count > 0);
