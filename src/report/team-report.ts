/**
 * A team's own monthly report issue (`report.destinations`): the team's section of the report,
 * alone, in the team's repository. Pure.
 */
import { escapeMarkdown } from "./escape.js";
import { monthLabel, plural, previousMonthLabel } from "./monthly-format.js";
import { countsRow, footer, headline, ISSUE_BODY_LIMIT, reportMarker } from "./monthly-report.js";
import { type TeamMonth, teamSection } from "./monthly-team-sections.js";

export type TeamReportInput = {
  period: string;
  /** The organisation. */
  scope: string;
  team: TeamMonth;
  /** `report.teams_min_size`. */
  minSize: number;
  /** `report.balance.min_credits`. */
  minCredits: number;
  /** This month's newcomers: never suggested for a rotation. */
  newcomers: readonly string[];
};

/** "Glue work report: October 2026 (acme, team platform)". */
export const teamReportTitle = (input: Pick<TeamReportInput, "period" | "scope" | "team">): string =>
  `Glue work report: ${monthLabel(input.period)} (${input.scope}, team ${input.team.slug})`;

const leftOut = (input: TeamReportInput): string | null => {
  const hidden = input.team.hiddenRepositories ?? 0;
  if (hidden <= 0) return null;
  return `> [!NOTE]\n> ${plural(hidden, "private repository", "private repositories")} ${hidden === 1 ? "was" : "were"} left out of this report because this issue is in a public repository. To include ${hidden === 1 ? "it" : "them"}, set \`report.destinations.${input.team.slug}\` in \`.github/gluework.yml\` to a private repository.`;
};

const render = (input: TeamReportInput, people: boolean): string =>
  [
    `${reportMarker(input.period)}\nGlue work credited to members of team **${escapeMarkdown(input.team.name)}** in **${escapeMarkdown(input.scope)}** in ${monthLabel(input.period)}, compared with ${previousMonthLabel(input.period)}.`,
    teamSection(
      input.team,
      {
        period: input.period,
        minSize: input.minSize,
        minCredits: input.minCredits,
        newcomers: input.newcomers,
        headline: (team) => headline({ period: input.period, ...team }),
        row: (link, person) => countsRow(link, person),
      },
      people,
    ),
    leftOut(input),
    footer,
  ]
    .filter((part): part is string => part !== null)
    .join("\n\n")
    .concat("\n");

/**
 * The team's issue body: the intro, the team's section, what was left out, and the footer; past
 * GitHub's length limit, the section shows the team's totals only.
 */
export const renderTeamReport = (input: TeamReportInput, limit = ISSUE_BODY_LIMIT): string => {
  const full = render(input, true);
  return full.length <= limit ? full : render(input, false);
};
