/**
 * The body of the monthly report issue: a pure template function, with no
 * I/O. The caller filters both months for the destination's visibility before calling it, and
 * gives this month as a `MonthSummary`: counts, and only the evidence the issue can show.
 */
import { CATEGORIES, type Category, isGlue } from "../vocabulary/rules.js";
import { escapeMarkdown, profileLink } from "./escape.js";
import { fullLayout } from "./layout-ladder.js";
import { barChart } from "./mermaid.js";
import { countByCategory, type MonthSummary, type PersonMonth } from "./month-summary.js";
import { BALANCE, balanceSection } from "./monthly-balance.js";
import { evidencePeople, evidenceSection } from "./monthly-evidence.js";
import {
  compactTable,
  compareText,
  monthLabel,
  plural,
  previousMonthLabel,
  sortByContribution,
  thousands,
  trend,
} from "./monthly-format.js";
import { type Highlights, highlightsSection } from "./monthly-highlights.js";
import { type TeamMonth, teamSections } from "./monthly-team-sections.js";
import { type MonthTrend, trendSection } from "./monthly-trend.js";
import { fitToLimit, type Render } from "./trim-to-limit.js";

/** What the report shows of a month it only compares with: totals, not people. */
export type MonthTotals = { glue: number; code: number; people: number; repositories: number };

export type MonthlyReportInput = {
  /** The month reported, `YYYY-MM`. */
  period: string;
  /** The organisation or `owner/repo` the report covers. */
  scope: string;
  /** This month, already filtered for the destination's visibility. */
  current: MonthSummary;
  /** Last month, filtered the same way: its summary, or only the totals the report compares with. */
  previous: MonthSummary | MonthTotals;
  /** Private repositories left out because the destination is public; null when none could be. */
  leftOut: { repositories: number } | null;
  highlights: Highlights;
  /** Glue per month for the six months ending with this one, filtered the same way. */
  trend?: readonly MonthTrend[];
  /** `report.balance.min_credits`: a category with fewer credits is too small to judge. */
  minCredits?: number;
  /** The sections of `report.teams`, already left out where the destination may not show them. */
  teams?: { months: readonly TeamMonth[]; minSize: number };
};

/** GitHub's maximum issue body length. */
export const ISSUE_BODY_LIMIT = 65_536;

/** Where the README explains every rule id. */
export const RULES_README_URL = "https://github.com/gluework/gluework#how-it-classifies";

/** Bars in the category chart; every glue category fits, so nothing is lumped together today. */
const CATEGORY_BARS = 12;
/** Categories named in a person's row of the table. */
const TOP_CATEGORIES = 3;

/** The hidden marker the report issue is found by; the body's first line. */
export const reportMarker = (period: string) => `<!-- gluework:report:${period} -->`;

/** "Glue work report: October 2026 (acme-robotics)". */
export const reportTitle = (input: Pick<MonthlyReportInput, "period" | "scope">): string =>
  `Glue work report: ${monthLabel(input.period)} (${input.scope})`;

type MonthCounts = Pick<MonthSummary, "contributors" | "repositories">;

const sum = (month: MonthCounts, field: "glue" | "code") =>
  month.contributors.reduce((total, person) => total + person[field], 0);

/** A month's totals, from its summary or as given. */
export const monthTotals = (month: MonthCounts | MonthTotals): MonthTotals =>
  "contributors" in month
    ? {
        glue: sum(month, "glue"),
        code: sum(month, "code"),
        people: month.contributors.length,
        repositories: month.repositories,
      }
    : month;

/**
 * Whether last month has no credit at all on record (often: before Gluework was installed, or
 * before the history it imported). Zeros there would claim nobody did anything, so nothing is
 * compared with it.
 */
const nothingRecorded = (previous: MonthlyReportInput["previous"]): boolean => {
  const totals = monthTotals(previous);
  return totals.glue === 0 && totals.code === 0;
};

/** The totals table: this month, last month and the trend of each (this month alone when last month has no record). */
export const headline = (
  input: Pick<MonthlyReportInput, "period" | "previous"> & { current: MonthCounts },
): string => {
  const current = monthTotals(input.current);
  if (nothingRecorded(input.previous)) {
    return compactTable(
      ["", monthLabel(input.period)],
      ["l", "r"],
      [
        ["Glue credits", thousands(current.glue)],
        ["People", thousands(current.people)],
        ["Repositories", thousands(current.repositories)],
        ["Code credits", thousands(current.code)],
      ],
    );
  }
  const row = (label: string, now: number, before: number) => [
    label,
    thousands(now),
    thousands(before),
    trend(now, before),
  ];
  const previous = monthTotals(input.previous);
  return compactTable(
    ["", monthLabel(input.period), previousMonthLabel(input.period), "Trend"],
    ["l", "r", "r", "l"],
    [
      row("Glue credits", current.glue, previous.glue),
      row("People", current.people, previous.people),
      row("Repositories", current.repositories, previous.repositories),
      row("Code credits", current.code, previous.code),
    ],
  );
};

type Counts = Omit<PersonMonth, "newest">;

const glueCategories = (totals: ReadonlyMap<Category, number>): Category[] =>
  CATEGORIES.filter((category) => isGlue(category) && (totals.get(category) ?? 0) > 0);

/** "code-review 5, triage 3, onboarding 1 (+2 more)": a person's biggest glue categories as text. */
const topCategories = (row: Pick<Counts, "categories">): string => {
  const mine = CATEGORIES.filter((category) => isGlue(category) && (row.categories[category] ?? 0) > 0).sort(
    (a, b) =>
      (row.categories[b] ?? 0) - (row.categories[a] ?? 0) || CATEGORIES.indexOf(a) - CATEGORIES.indexOf(b),
  );
  const shown = mine
    .slice(0, TOP_CATEGORIES)
    .map((category) => `${category} ${thousands(row.categories[category] ?? 0)}`);
  const rest = mine.length - TOP_CATEGORIES;
  return `${shown.join(", ")}${rest > 0 ? ` (+${thousands(rest)} more)` : ""}`;
};

/** A row of the table: who, glue, code and their top categories; `tableRow`'s format written out. */
export const countsRow = (
  first: string,
  row: Pick<Counts, "glue" | "code" | "categories">,
  cell = (text: string) => text,
) => `| ${first} | ${cell(thousands(row.glue))} | ${cell(thousands(row.code))} | ${topCategories(row)} |`;

/**
 * The per-contributor table of the first `rows` of `people` (in contribution order: when an issue
 * cannot hold everyone, those with the most credits are kept), listed by name, so the table credits
 * people without ranking them; the total row always counts everyone. Four columns, so it fits an
 * issue's width whatever the month holds.
 */
const contributorTable = (people: readonly Counts[], limit: number) => {
  // Rendered once: the layout search asks for many lengths of the same table.
  const lines = people.map((person) =>
    countsRow(profileLink(person.login, (person as Partial<PersonMonth>).newest?.[0]?.url), person),
  );
  const byName = people
    .map((_, index) => index)
    .sort((a, b) => compareText((people[a] as Counts).login, (people[b] as Counts).login));
  const total = {
    glue: people.reduce((n, person) => n + person.glue, 0),
    code: people.reduce((n, person) => n + person.code, 0),
  };
  const last = `| **Total** | **${thousands(total.glue)}** | **${thousands(total.code)}** | |`;
  const head = compactTable(["Contributor", "Glue", "Code", "Most glue in"], ["l", "r", "r", "l"], []);
  return (shown: number): string => {
    const rows = shown === lines.length ? byName : byName.filter((index) => index < shown);
    const table = [head, ...rows.map((index) => lines[index]), last].join("\n");
    const note =
      shown < lines.length
        ? `\n\n_${thousands(shown)} of ${plural(lines.length, "contributor")} are listed, those with the most credits, to keep this issue under GitHub's limit of ${thousands(limit)} characters; the total row counts everyone. \`gluework report --format csv\` has the full table._`
        : "";
    return `## Who did what\n\nPeople are listed by name; "Most glue in" names each person's biggest kinds of glue.\n\n${table}${note}`;
  };
};

const charts = (
  period: string,
  categories: Category[],
  totals: ReadonlyMap<Category, number>,
  months: readonly MonthTrend[],
): string => {
  const byCategory = barChart(
    `Glue credits by category, ${monthLabel(period)}`,
    "Credits",
    categories.map((category) => ({ label: category, value: totals.get(category) ?? 0 })),
    { max: CATEGORY_BARS, rest: (n) => `${plural(n, "other category", "other categories")}` },
  );
  const history = months.length > 0 ? trendSection(period, months) : null;
  const shown = [byCategory, history].filter((part): part is string => part !== null);
  return `## How glue is spread\n\n${shown.length > 0 ? shown.join("\n\n") : "No glue credits this month, so there is nothing to chart."}`;
};

const leftOutNote = (leftOut: MonthlyReportInput["leftOut"]): string | null => {
  if (!leftOut || leftOut.repositories <= 0) return null;
  const what =
    leftOut.repositories === 1
      ? "1 private repository was left out of this report"
      : `${thousands(leftOut.repositories)} private repositories were left out of this report`;
  const them = leftOut.repositories === 1 ? "it" : "them";
  return `> [!NOTE]\n> ${what} because this issue is in a public repository. To include ${them}, set \`report.repository\` in \`.github/gluework.yml\` to a private repository.`;
};

/** The closing lines of every report issue: what glue work is, and how to see or leave it. */
export const footer = [
  "---",
  `**What is glue work?** The reviews, docs, onboarding, triage, unblocking, process, planning, support and release work that holds a team together and rarely shows up in a promotion case. Gluework credits it from repository activity by rules: \`gluework report\` prints the rule behind every credit (such as \`review.submitted\`), and [How it classifies](${RULES_README_URL}) in the README explains each one. Numbers count credits, not weights. Comment \`/gluework portfolio\` for your own credits, or \`/gluework opt-out\` to be left out of every report.`,
].join("\n\n");

const emptyBody = (input: MonthlyReportInput): string => {
  const previous = monthTotals(input.previous);
  const before =
    previous.people > 0
      ? `Last month (${previousMonthLabel(input.period)}): ${plural(previous.glue, "glue credit")} from ${plural(previous.people, "person", "people")}.`
      : null;
  return [
    `${reportMarker(input.period)}\nNo glue work recorded in **${escapeMarkdown(input.scope)}** in ${monthLabel(input.period)}.`,
    before,
    leftOutNote(input.leftOut),
    footer,
  ]
    .filter((part): part is string => part !== null)
    .join("\n\n")
    .concat("\n");
};

/** The team sections, in at most half the issue: past that, teams show their totals only. */
const teamPart = (
  input: Pick<MonthlyReportInput, "period" | "teams" | "minCredits" | "highlights">,
  limit: number,
): string | null =>
  input.teams
    ? teamSections(
        input.teams.months,
        {
          period: input.period,
          minSize: input.teams.minSize,
          minCredits: input.minCredits ?? BALANCE.minCredits,
          newcomers: input.highlights.newcomers.map((newcomer) => newcomer.login),
          headline: (team) => headline({ period: input.period, ...team }),
          row: (link, person) => countsRow(link, person),
        },
        Math.floor(limit / 2),
      )
    : null;

const intro = (input: Pick<MonthlyReportInput, "period" | "scope" | "previous">) =>
  `${reportMarker(input.period)}\nGlue work credited in **${escapeMarkdown(input.scope)}** in ${monthLabel(input.period)}` +
  (nothingRecorded(input.previous)
    ? `. Nothing was recorded for ${previousMonthLabel(input.period)}, so there is nothing to compare with.`
    : `, compared with ${previousMonthLabel(input.period)}.`);

/** The joined length of `parts`: "\n\n" between them and a final "\n". */
const joinedLength = (parts: readonly (string | null)[]) =>
  parts.reduce((sum, part) => (part === null ? sum : sum + part.length + 2), 0) + 1;

/**
 * The report issue's body, at most `limit` characters: evidence is trimmed first (oldest credits,
 * then people with the least glue), and only then the contributor table. Deterministic.
 */
export const renderMonthlyReport = (input: MonthlyReportInput, limit = ISSUE_BODY_LIMIT): string => {
  if (input.current.contributors.length === 0) return emptyBody(input);
  const people = sortByContribution(input.current.contributors);
  const totals = countByCategory(people);
  const categories = glueCategories(totals);
  const table = contributorTable(people, limit);
  const evidence = evidencePeople(people);
  const before = [intro(input), headline(input)];
  const after = [
    charts(input.period, categories, totals, input.trend ?? []),
    balanceSection(
      input.current,
      {
        period: input.period,
        minCredits: input.minCredits ?? BALANCE.minCredits,
        newcomers: input.highlights.newcomers.map((newcomer) => newcomer.login),
        trend: input.trend ?? [],
      },
      totals,
    ),
    teamPart(input, limit),
    highlightsSection(input.highlights),
    leftOutNote(input.leftOut),
  ];
  const render: Render = (layout, budget) => {
    const parts = [...before, table(layout.rows), ...after, footer].filter(
      (part): part is string => part !== null,
    );
    if (evidence.length > 0) {
      const section = evidenceSection(evidence, layout.evidence, limit, budget - joinedLength(parts));
      if (section === null) return null;
      parts.splice(parts.length - 1, 0, section);
    }
    // Most layouts the search tries are too long: they are measured, not joined.
    return joinedLength(parts) > budget ? null : `${parts.join("\n\n")}\n`;
  };
  return fitToLimit(render, fullLayout(people.length, evidence), limit);
};

/**
 * At most how many characters the evidence section can have, from this month's counts alone: the
 * limit less the parts that cost little to render, with the whole table (evidence is trimmed
 * before the table). Leaving the balance notes and highlights out only makes the budget larger.
 */
export const evidenceBudget = (
  input: Omit<MonthlyReportInput, "current"> & { current: MonthCounts },
  limit = ISSUE_BODY_LIMIT,
): number => {
  const people = sortByContribution(input.current.contributors);
  const totals = countByCategory(people);
  const categories = glueCategories(totals);
  const table = contributorTable(people, limit)(people.length);
  const others = [
    intro(input),
    headline(input),
    table,
    charts(input.period, categories, totals, input.trend ?? []),
    teamPart(input, limit),
    leftOutNote(input.leftOut),
    footer,
  ];
  // The section and the "\n\n" before it.
  return limit - joinedLength(others) - 2;
};
