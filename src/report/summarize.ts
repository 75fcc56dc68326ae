import type { CreditRow } from "../vocabulary/ledger.js";
import { CATEGORIES, type Category, isGlue, type RuleId } from "../vocabulary/rules.js";

export type ReportItem = {
  category: Category;
  rule: RuleId;
  repo: string;
  url: string;
  at: string;
  /** The title of the item the credit is about, when known (not part of the JSON contract). */
  title?: string | null | undefined;
};

export type ContributorSummary = {
  login: string;
  /** Glue credits: every category but `code`. */
  glue: number;
  code: number;
  categories: Partial<Record<Category, number>>;
  items: ReportItem[];
  /** The sum of the glue credits' weights (`weights`, `light_review_weight`); not in the JSON contract. */
  weightedGlue?: number;
  /** The slugs of the teams the person was in when they earned these credits. */
  teams?: string[];
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
    const person = people.get(key) ?? {
      login: row.actorLogin,
      glue: 0,
      code: 0,
      categories: {},
      items: [],
      weightedGlue: 0,
    };
    people.set(key, person);
    if (isGlue(row.category)) {
      person.glue += 1;
      person.weightedGlue = (person.weightedGlue ?? 0) + row.weight;
    } else person.code += 1;
    person.categories[row.category] = (person.categories[row.category] ?? 0) + 1;
    person.items.push({
      category: row.category,
      rule: row.rule,
      repo: row.repo,
      url: row.url,
      at: row.occurredAt.toISOString(),
      title: row.title,
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

/** Each contributor with the teams `teamsOf` gives for their lowercased login, in order. */
export const withTeams = (report: Report, teamsOf: (login: string) => readonly string[]): Report => ({
  ...report,
  contributors: report.contributors.map((person) => ({
    ...person,
    teams: [...teamsOf(person.login.toLowerCase())].sort(),
  })),
});

/** The report as `gluework report --format json` prints it: exactly its contract (no titles). */
export const reportJson = (report: Report): string =>
  `${JSON.stringify(
    {
      ...report,
      contributors: report.contributors.map((person) => ({
        login: person.login,
        glue: person.glue,
        code: person.code,
        categories: person.categories,
        teams: person.teams ?? [],
        items: person.items.map(({ category, rule, repo, url, at }) => ({ category, rule, repo, url, at })),
      })),
    },
    null,
    2,
  )}\n`;
