import { markdownTable } from "markdown-table";
import { CATEGORIES } from "../vocabulary/rules.js";
import { evidenceText, newestEvidenceFirst } from "./describe-credit.js";
import { escapeMarkdown, profileLink, profileLinkHtml } from "./escape.js";
import { plural, thousands } from "./monthly-format.js";
import { type ContributorSummary, categoryTotals, type Report } from "./summarize.js";

const day = (iso: string) => iso.slice(0, 10);

/** Glue categories present in the report, so the table never has an empty column. */
const contributorTable = (report: Report): string => {
  const totals = categoryTotals(report);
  const categories = CATEGORIES.filter(
    (category) => category !== "code" && totals.some(([present]) => present === category),
  );
  return markdownTable(
    [
      ["Contributor", "Glue", "Code", ...categories],
      ...report.contributors.map((person) => [
        profileLink(person.login, person.items[0]?.url),
        thousands(person.glue),
        thousands(person.code),
        ...categories.map((category) => thousands(person.categories[category] ?? 0)),
      ]),
    ],
    { align: ["l", "r", "r", ...categories.map(() => "r" as const)] },
  );
};

/** One person's credits, newest first: the same order as every other output. */
const evidence = (person: ContributorSummary): string =>
  [
    `<details><summary>${profileLinkHtml(person.login, person.items[0]?.url)}: ${plural(person.glue, "glue credit")}, ${plural(person.code, "code credit")}</summary>`,
    "",
    ...[...person.items]
      .sort(newestEvidenceFirst)
      .map(
        (item) =>
          `- ${day(item.at)} · ${item.category} · \`${item.rule}\` · ${evidenceText(item, { withRepo: true })}`,
      ),
    "",
    "</details>",
  ].join("\n");

/**
 * The report as Markdown, for a terminal or an issue body. `empty` says why a report without
 * credits is empty (an unknown repository, a window with nothing in it); `team` names the team
 * the report is kept to.
 */
export const renderMarkdown = (report: Report, empty?: string, team?: string): string => {
  const totals = categoryTotals(report);
  const glue = report.contributors.reduce((sum, person) => sum + person.glue, 0);
  const code = report.contributors.reduce((sum, person) => sum + person.code, 0);
  const repos = new Set(report.contributors.flatMap((person) => person.items.map((item) => item.repo)));
  const whose = team === undefined ? "" : ` of team ${escapeMarkdown(team)}`;
  const header = `# Glue work${whose}, ${day(report.since)} to ${day(report.until)}`;
  if (report.contributors.length === 0) {
    const why = empty ?? `No credits in this window for installation ${report.installation}.`;
    return `${header}\n\n${escapeMarkdown(why)}\n`;
  }
  return [
    header,
    "",
    `${plural(report.contributors.length, "person", "people")} earned **${plural(glue, "glue credit")}** and ${plural(code, "code credit")} across ${plural(repos.size, "repository", "repositories")}.`,
    "",
    "## Who did what",
    "",
    contributorTable(report),
    "",
    "## By category",
    "",
    markdownTable(
      [
        ["Category", "Credits"],
        ...[...totals].sort((a, b) => b[1] - a[1]).map(([category, count]) => [category, thousands(count)]),
      ],
      { align: ["l", "r"] },
    ),
    "",
    "## Evidence, newest first",
    "",
    ...report.contributors.map(evidence),
    "",
  ].join("\n");
};
