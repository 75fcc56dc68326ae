import { markdownTable } from "markdown-table";
import { CATEGORIES, type Category } from "../classify/rules.js";
import { type ContributorSummary, categoryTotals, type Report } from "./summarize.js";

const day = (iso: string) => iso.slice(0, 10);

const linkText = (url: string): string => {
  const match = /github\.com\/([^/]+\/[^/]+)\/(?:pull|issues|discussions)\/(\d+)/.exec(url);
  if (match) return `${match[1]}#${match[2]}`;
  const commit = /\/commit\/([0-9a-f]{7})/.exec(url);
  return commit ? `commit ${commit[1]}` : url.replace(/^https?:\/\/[^/]+\//, "");
};

const share = (part: number, whole: number) => `${Math.round((part / whole) * 100)}%`;

/** Balance notes: where one person carries most of a category. */
export const balanceNotes = (report: Report): string[] => {
  const notes: string[] = [];
  for (const [category, total] of categoryTotals(report)) {
    if (category === "code" || total < 3) continue;
    const [top] = [...report.contributors].sort(
      (a, b) => (b.categories[category] ?? 0) - (a.categories[category] ?? 0),
    );
    const topCount = top?.categories[category] ?? 0;
    if (top && topCount / total > 0.5) {
      notes.push(
        `**${category}**: @${top.login} did ${share(topCount, total)} of it (${topCount} of ${total}).`,
      );
    }
  }
  return notes;
};

const contributorTable = (contributors: ContributorSummary[], categories: Category[]): string =>
  markdownTable(
    [
      ["Contributor", "Glue", "Code", ...categories],
      ...contributors.map((person) => [
        `@${person.login}`,
        String(person.glue),
        String(person.code),
        ...categories.map((category) => String(person.categories[category] ?? 0)),
      ]),
    ],
    { align: ["l", "r", "r", ...categories.map(() => "r" as const)] },
  );

const evidence = (person: ContributorSummary): string =>
  [
    `<details><summary>@${person.login}: ${person.glue} glue, ${person.code} code</summary>`,
    "",
    ...person.items.map(
      (item) =>
        `- ${day(item.at)} · ${item.category} · \`${item.rule}\` · [${linkText(item.url)}](${item.url})`,
    ),
    "",
    "</details>",
  ].join("\n");

/** The report as Markdown, for a terminal or an issue body. */
export const renderMarkdown = (report: Report): string => {
  const totals = categoryTotals(report);
  const categories = CATEGORIES.filter((category) => totals.some(([present]) => present === category));
  const glue = report.contributors.reduce((sum, person) => sum + person.glue, 0);
  const code = report.contributors.reduce((sum, person) => sum + person.code, 0);
  const repos = new Set(report.contributors.flatMap((person) => person.items.map((item) => item.repo)));
  const header = `# Glue work, ${day(report.since)} to ${day(report.until)}`;
  if (report.contributors.length === 0) {
    return `${header}\n\nNo credits in this window for installation ${report.installation}.\n`;
  }
  const notes = balanceNotes(report);
  return [
    header,
    "",
    `${report.contributors.length} people earned **${glue} glue credits** and ${code} code credits across ${repos.size} repositories.`,
    "",
    "## Who did what",
    "",
    contributorTable(report.contributors, categories),
    "",
    "## By category",
    "",
    markdownTable(
      [["Category", "Credits"], ...totals.map(([category, count]) => [category, String(count)])],
      {
        align: ["l", "r"],
      },
    ),
    "",
    ...(notes.length > 0 ? ["## Balance", "", ...notes.map((note) => `- ${note}`), ""] : []),
    "## Evidence",
    "",
    ...report.contributors.map(evidence),
    "",
  ].join("\n");
};
