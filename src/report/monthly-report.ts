/**
 * The body of the monthly report issue (DESIGN.md "Outputs"): a pure template function, with no
 * I/O. The caller filters both months for the destination's visibility before calling it.
 */
import { CATEGORIES, type Category, isGlue } from "../classify/rules.js";
import { pieChart } from "./mermaid.js";
import { balanceSection } from "./monthly-balance.js";
import { evidencePeople, evidenceSection, mostItems } from "./monthly-evidence.js";
import {
  byContribution,
  compactTable,
  escapeMarkdown,
  mention,
  monthLabel,
  plural,
  previousMonthLabel,
  thousands,
  trend,
} from "./monthly-format.js";
import { type Highlights, highlightsSection } from "./monthly-highlights.js";
import type { ContributorSummary, Report } from "./summarize.js";
import { fitToLimit, type Render } from "./trim-to-limit.js";

/** What the report shows of a month it only compares with: totals, not people. */
export type MonthTotals = { glue: number; code: number; people: number; repositories: number };

export type MonthlyReportInput = {
  /** The month reported, `YYYY-MM`. */
  period: string;
  /** The organisation or `owner/repo` the report covers. */
  scope: string;
  /** This month, already filtered for the destination's visibility. */
  current: Report;
  /** Last month, filtered the same way: its summary, or only the totals the report compares with. */
  previous: Report | MonthTotals;
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

const sum = (report: Report, field: "glue" | "code") =>
  report.contributors.reduce((total, person) => total + person[field], 0);

const repositories = (report: Report) => {
  // A loop, not flatMap: a big month has a hundred thousand items.
  const repos = new Set<string>();
  for (const person of report.contributors) for (const item of person.items) repos.add(item.repo);
  return repos.size;
};

/** A month's totals, from its summary or as given. */
export const monthTotals = (month: Report | MonthTotals): MonthTotals =>
  "contributors" in month
    ? {
        glue: sum(month, "glue"),
        code: sum(month, "code"),
        people: month.contributors.length,
        repositories: repositories(month),
      }
    : month;

const headline = (input: MonthlyReportInput): string => {
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

const glueCategories = (report: Report): Category[] =>
  CATEGORIES.filter(
    (category) =>
      isGlue(category) && report.contributors.some((person) => (person.categories[category] ?? 0) > 0),
  );

const cells = (
  glue: number,
  code: number,
  counts: (category: Category) => number,
  categories: Category[],
) => [
  thousands(glue),
  thousands(code),
  ...categories.map((category) => (counts(category) > 0 ? thousands(counts(category)) : "")),
];

/** The per-contributor table, listing the first `rows` people; the total row always counts everyone. */
const contributorTable = (people: readonly ContributorSummary[], categories: Category[], limit: number) => {
  const rows = people.map((person) => [
    mention(person.login),
    ...cells(person.glue, person.code, (category) => person.categories[category] ?? 0, categories),
  ]);
  const total = (category: Category) =>
    people.reduce((n, person) => n + (person.categories[category] ?? 0), 0);
  const totalRow = [
    "**Total**",
    ...cells(
      people.reduce((n, person) => n + person.glue, 0),
      people.reduce((n, person) => n + person.code, 0),
      total,
      categories,
    ).map((cell) => (cell === "" ? "" : `**${cell}**`)),
  ];
  return (shown: number): string => {
    const table = compactTable(
      ["Contributor", "Glue", "Code", ...categories],
      ["l", "r", "r", ...categories.map(() => "r" as const)],
      [...rows.slice(0, shown), totalRow],
    );
    const note =
      shown < rows.length
        ? `\n\n_Only the top ${thousands(shown)} of ${plural(rows.length, "contributor")} are listed, to keep this issue under GitHub's limit of ${thousands(limit)} characters; the total row counts everyone. \`gluework report --format csv\` has the full table._`
        : "";
    return `## Who did what\n\n${table}${note}`;
  };
};

const charts = (people: readonly ContributorSummary[], categories: Category[]): string => {
  const byPerson = pieChart(
    "Glue credits by person",
    people.map((person) => ({ label: person.login, value: person.glue })),
    { max: PIE_SLICES, others: (n) => `others (${plural(n, "person", "people")})` },
  );
  const byCategory = pieChart(
    "Glue credits by category",
    categories.map((category) => ({
      label: category,
      value: people.reduce((n, person) => n + (person.categories[category] ?? 0), 0),
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

/**
 * The report issue's body, at most `limit` characters: evidence is trimmed first (oldest credits,
 * then people with the least glue), and only then the contributor table. Deterministic.
 */
export const renderMonthlyReport = (input: MonthlyReportInput, limit = ISSUE_BODY_LIMIT): string => {
  if (input.current.contributors.length === 0) return emptyBody(input);
  const people = [...input.current.contributors].sort(byContribution);
  const categories = glueCategories(input.current);
  const table = contributorTable(people, categories, limit);
  const evidence = evidencePeople(people);
  const intro = `${reportMarker(input.period)}\nGlue work credited in **${escapeMarkdown(input.scope)}** in ${monthLabel(input.period)}, compared with ${previousMonthLabel(input.period)}.`;
  const before = [intro, headline(input)];
  const after = [
    charts(people, categories),
    balanceSection(input.current),
    highlightsSection(input.highlights),
    leftOutNote(input.leftOut),
  ];
  const render: Render = (layout, budget) => {
    const parts = [...before, table(layout.rows), ...after, footer].filter(
      (part): part is string => part !== null,
    );
    if (evidence.length > 0) {
      // The joined body is every part, "\n\n" between them and a final "\n".
      const others = parts.reduce((sum, part) => sum + part.length + 2, 0) + 1;
      const section = evidenceSection(evidence, layout.evidence, limit, budget - others);
      if (section === null) return null;
      parts.splice(parts.length - 1, 0, section);
    }
    return `${parts.join("\n\n")}\n`;
  };
  const full = { rows: people.length, evidence: { people: evidence.length, items: mostItems(evidence) } };
  return fitToLimit(render, full, limit);
};
