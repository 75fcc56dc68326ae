import { evidenceText, newestEvidenceFirst } from "../report/describe-credit.js";
import { escapeMarkdown, mention } from "../report/escape.js";
import { listJoin, monthLabel, percent, plural, pluralWord, thousands } from "../report/monthly-format.js";
import { CATEGORIES, type Category, isGlue } from "../vocabulary/rules.js";

export const replyMarker = (commentId: number) => `<!-- gluework:reply:${commentId} -->`;

export type PortfolioItem = {
  category: Category;
  rule: string;
  repo: string;
  url: string;
  at: string;
  /** The credit's weight from `weights` (or `light_review_weight`); shown summed per category. */
  weight?: number | undefined;
  /** The title of the item the credit is about, when known. */
  title?: string | null | undefined;
};

const LIMIT = 60_000;
const QUARTER_MS = 92 * 86_400_000;
/** The mix is described only from this many credits in the quarter. */
const MIX_MINIMUM = 5;

/** "1.5", "12": a weight sum without float noise. */
const weightText = (value: number): string => String(Math.round(value * 100) / 100);

/**
 * The person's own glue/code mix over the last three months before `now`, in kind words: said only
 * to them, never in a public report.
 */
export const personalMix = (items: readonly PortfolioItem[], now: Date): string | null => {
  const since = new Date(now.getTime() - QUARTER_MS).toISOString();
  const recent = items.filter((item) => item.at >= since);
  const glue = recent.filter((item) => isGlue(item.category)).length;
  const all = recent.length;
  if (all < MIX_MINIMUM) return null;
  const share = `${thousands(glue)} of your ${plural(all, "credit")} (${percent(glue, all)})`;
  if (glue / all >= 0.8)
    return `**Your mix this quarter:** nearly all glue — ${share}. That work holds the team together: make sure it is recognised (this reply is evidence you can link in a review or promotion case), and that you also get time for the work you want to grow in.`;
  if (glue / all <= 0.2)
    return `**Your mix this quarter:** mostly code — ${share} were glue. Glue the rules cannot see (design talks, pairing, answering questions in chat) does not show here; if you do it, note it in your own case too.`;
  return `**Your mix this quarter:** a mix of glue and code — ${share} were glue.`;
};

const categoryTable = (glue: readonly PortfolioItem[]): string[] => {
  const rows = CATEGORIES.filter(isGlue).flatMap((category) => {
    const mine = glue.filter((item) => item.category === category);
    if (mine.length === 0) return [];
    const weight = mine.reduce((sum, item) => sum + (item.weight ?? 1), 0);
    return [{ category, count: mine.length, weight }];
  });
  rows.sort((a, b) => b.count - a.count || CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category));
  return [
    "| Category | Credits | Weight |",
    "| :-- | --: | --: |",
    ...rows.map((row) => `| ${row.category} | ${thousands(row.count)} | ${weightText(row.weight)} |`),
  ];
};

/** A visible team whose glue the person carried, and how many of their glue credits were for it. */
export type PortfolioTeam = { slug: string; name: string; glue: number };

/** "Of these, 12 were for team Platform (`platform`) and 3 for Infra (`infra`)…": said only when there are some. */
const teamsLine = (teams: readonly PortfolioTeam[]): string | null => {
  if (teams.length === 0) return null;
  const parts = teams.map(
    (team, index) =>
      `${thousands(team.glue)} ${index === 0 ? "for team " : "for "}${escapeMarkdown(team.name)} (\`${escapeMarkdown(team.slug)}\`)`,
  );
  return `**Your teams:** of these glue credits, ${listJoin(parts)}, counted for the team you were in when you did the work (a parent team counts its nested teams).`;
};

/** `/gluework portfolio`: the commenter's own credits by category, their mix, and evidence newest first. */
export const portfolioReply = (input: {
  commentId: number;
  login: string;
  since: string;
  items: readonly PortfolioItem[];
  /** Credits in repositories this one may not show (private or internal ones but itself). */
  leftOut: number;
  /** When the reply is written: the mix covers the three months before it. */
  now?: Date;
  /** The visible teams whose glue they carried (never a secret team). */
  teams?: readonly PortfolioTeam[];
}): string => {
  const { login, items } = input;
  const glue = items.filter((item) => isGlue(item.category)).sort(newestEvidenceFirst);
  const repos = new Set(glue.map((item) => item.repo)).size;
  const mix = personalMix(items, input.now ?? new Date());
  const teams = glue.length > 0 ? teamsLine(input.teams ?? []) : null;
  const header = [
    replyMarker(input.commentId),
    `### ${mention(login)}, here is your glue work since ${input.since.slice(0, 10)}`,
    "",
    glue.length === 0
      ? "No glue work is credited to you in this period yet."
      : `${plural(glue.length, "glue credit")} across ${plural(repos, "repository", "repositories")}. Each line links to the evidence.`,
    "",
    ...(glue.length > 0 ? [...categoryTable(glue), ""] : []),
    ...(teams ? [teams, ""] : []),
    ...(mix ? [mix, ""] : []),
  ];
  const footer = [
    ...(input.leftOut > 0
      ? [
          "",
          `_${plural(input.leftOut, "credit")} in other repositories that are not public ${pluralWord(input.leftOut, "is", "are")} not shown here. Ask in one of them to see its own._`,
        ]
      : []),
    "",
    "<sub>Gluework portfolio: evidence for a promotion case. Weight sums each credit's weight from `weights` in `.github/gluework.yml` (a light review counts `light_review_weight`). `/gluework opt-out` removes you from every report.</sub>",
  ];
  const lines: string[] = [];
  let budget = LIMIT - header.join("\n").length - footer.join("\n").length - 200;
  for (const item of glue) {
    const line = `- ${item.at.slice(0, 10)} · ${item.category} · ${evidenceText(item, { withRepo: true })}`;
    if (budget - line.length < 0) break;
    lines.push(line);
    budget -= line.length + 1;
  }
  const hidden = glue.length - lines.length;
  const evidence =
    glue.length === 0
      ? []
      : [
          `<details><summary>Evidence, newest first (${plural(glue.length, "credit")})</summary>`,
          "",
          ...lines,
          ...(hidden > 0 ? [`- … and ${plural(hidden, "more")}`] : []),
          "",
          "</details>",
        ];
  return [...header, ...evidence, ...footer].join("\n");
};

/** What an opt-out does to the monthly report issues already published. */
export type OptOutReports = {
  /** Published report issues being edited so they no longer name the person. */
  refreshed: readonly { repo: string; period: string; issueNumber: number }[];
  /** The months whose report issues are edited (this month and the last). */
  periods: readonly string[];
  /** How many report issues of earlier months stay as they were published. */
  older: number;
};

const monthList = (periods: readonly string[]): string => periods.map(monthLabel).join(" and ");

const reportLines = (reports: OptOutReports): string[] => {
  const months = monthList(reports.periods);
  const refreshed =
    reports.refreshed.length === 0
      ? months
        ? [`No monthly report issue of ${months} was published yet; when one is, it will not name you.`]
        : []
      : [
          `The monthly report ${pluralWord(reports.refreshed.length, "issue", "issues")} of ${months} ${pluralWord(reports.refreshed.length, "is", "are")} being edited so that ${pluralWord(reports.refreshed.length, "it no longer names", "they no longer name")} you: ${reports.refreshed.map((issue) => `${issue.repo}#${issue.issueNumber}`).join(", ")}.`,
        ];
  const older =
    reports.older > 0
      ? [
          `${plural(reports.older, "report issue")} of earlier months ${pluralWord(reports.older, "stays", "stay")} as ${pluralWord(reports.older, "it was", "they were")} published and may still name you; Gluework does not edit past months.`,
        ]
      : [];
  return [...refreshed, ...older];
};

export const optOutReply = (
  commentId: number,
  login: string,
  reports: OptOutReports = { refreshed: [], periods: [], older: 0 },
): string => {
  const lines = reportLines(reports);
  return [
    replyMarker(commentId),
    `${mention(login)}, you are opted out of Gluework here: your stored credits in this installation were deleted, and no report, check run or comment Gluework writes from now on names you. The check runs and credit comments that named you are being redone.`,
    ...(lines.length > 0 ? ["", ...lines] : []),
    "",
    "Comment `/gluework opt-in` to be counted again from now on.",
  ].join("\n");
};

export const optInReply = (commentId: number, login: string): string =>
  [
    replyMarker(commentId),
    `${mention(login)}, welcome back: your glue work is credited again from now on.`,
    "Credits deleted when you opted out are not restored.",
  ].join("\n");
