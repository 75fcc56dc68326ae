/**
 * The body of the monthly report issue: a pure template function, with no
 * I/O. The caller filters both months for the destination's visibility before calling it, and
 * gives this month as a `MonthSummary`: counts, and only the evidence the issue can show.
 */
import { CATEGORIES, type Category, isGlue } from "../classify/rules.js";
import { pieChart } from "./mermaid.js";
import { countByCategory, type MonthSummary, type PersonMonth } from "./month-summary.js";
import { balanceSection } from "./monthly-balance.js";
import { evidencePeople, evidenceSection, mostItems } from "./monthly-evidence.js";
import {
  compactTable,
  escapeMarkdown,
  mention,
  monthLabel,
  plural,
  previousMonthLabel,
  sortByContribution,
  thousands,
  trend,
} from "./monthly-format.js";
import { type Highlights, highlightsSection } from "./monthly-highlights.js";
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
};

/** GitHub's maximum issue body length. */
export const ISSUE_BODY_LIMIT = 65_536;

/** Where the README explains every rule id. */
export const RULES_README_URL = "https://github.com/gluework/gluework#how-it-classifies";

/** Slices per pie chart, the last one being "others". */
const PIE_SLICES = 8;

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

const headline = (
  input: Pick<MonthlyReportInput, "period" | "previous"> & { current: MonthCounts },
): string => {
  const row = (label: string, now: number, before: number) => [
    label,
    thousands(now),
    thousands(before),
    trend(now, before),
  ];
  const current = monthTotals(input.current);
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

/**
 * A table row of glue, code and category counts after `first`, a category's cell empty when it
 * is 0: `tableRow`'s format, written out because a big month has thousands of rows.
 */
const countsRow = (
  first: string,
  row: Pick<Counts, "glue" | "code" | "categories">,
  categories: readonly Category[],
  cell = (text: string) => text,
) => {
  let line = `| ${first} | ${cell(thousands(row.glue))} | ${cell(thousands(row.code))} |`;
  for (const category of categories) {
    const n = row.categories[category] ?? 0;
    line += n > 0 ? ` ${cell(thousands(n))} |` : "  |";
  }
  return line;
};

/** The per-contributor table, listing the first `rows` people; the total row always counts everyone. */
const contributorTable = (
  people: readonly Counts[],
  categories: Category[],
  totals: ReadonlyMap<Category, number>,
  limit: number,
) => {
  // Rendered once: the layout search asks for many lengths of the same table.
  const lines = people.map((person) => countsRow(mention(person.login), person, categories));
  const total = {
    glue: people.reduce((n, person) => n + person.glue, 0),
    code: people.reduce((n, person) => n + person.code, 0),
    categories: Object.fromEntries(totals),
  };
  const last = countsRow("**Total**", total, categories, (text) => `**${text}**`);
  const head = compactTable(
    ["Contributor", "Glue", "Code", ...categories],
    ["l", "r", "r", ...categories.map(() => "r" as const)],
    [],
  );
  // Where each row ends in the whole table, so a shorter table is a slice of it.
  const body = [head, ...lines].join("\n");
  const ends = [head.length];
  for (const line of lines) ends.push((ends.at(-1) ?? 0) + 1 + line.length);
  return (shown: number): string => {
    const table = `${body.slice(0, ends[shown])}\n${last}`;
    const note =
      shown < lines.length
        ? `\n\n_Only the top ${thousands(shown)} of ${plural(lines.length, "contributor")} are listed, to keep this issue under GitHub's limit of ${thousands(limit)} characters; the total row counts everyone. \`gluework report --format csv\` has the full table._`
        : "";
    return `## Who did what\n\n${table}${note}`;
  };
};

const charts = (
  people: readonly Counts[],
  categories: Category[],
  totals: ReadonlyMap<Category, number>,
): string => {
  const byPerson = pieChart(
    "Glue credits by person",
    people.map((person) => ({ label: person.login, value: person.glue })),
    { max: PIE_SLICES, others: (n) => `others (${plural(n, "person", "people")})` },
  );
  const byCategory = pieChart(
    "Glue credits by category",
    categories.map((category) => ({
      label: category,
      value: totals.get(category) ?? 0,
    })),
    { max: PIE_SLICES, others: (n) => `others (${plural(n, "category", "categories")})` },
  );
  const shown = [byPerson, byCategory].filter((chart): chart is string => chart !== null);
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

const footer = [
  "---",
  `**What is glue work?** The reviews, docs, onboarding, triage, unblocking, process, planning, support and release work that holds a team together and rarely shows up in a promotion case. Gluework credits it from repository activity: every credit names the rule that gave it (such as \`review.submitted\`), and [How it classifies](${RULES_README_URL}) in the README explains each rule. Numbers count credits, not weights. Comment \`/gluework portfolio\` for your own credits, or \`/gluework opt-out\` to be left out of every report.`,
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

const intro = (input: Pick<MonthlyReportInput, "period" | "scope">) =>
  `${reportMarker(input.period)}\nGlue work credited in **${escapeMarkdown(input.scope)}** in ${monthLabel(input.period)}, compared with ${previousMonthLabel(input.period)}.`;

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
  const table = contributorTable(people, categories, totals, limit);
  const evidence = evidencePeople(people);
  const before = [intro(input), headline(input)];
  const after = [
    charts(people, categories, totals),
    balanceSection(input.current, totals),
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
  const full = { rows: people.length, evidence: { people: evidence.length, items: mostItems(evidence) } };
  return fitToLimit(render, full, limit);
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
  const table = contributorTable(people, categories, totals, limit)(people.length);
  const others = [
    intro(input),
    headline(input),
    table,
    charts(people, categories, totals),
    leftOutNote(input.leftOut),
    footer,
  ];
  // The section and the "\n\n" before it.
  return limit - joinedLength(others) - 2;
};
