/**
 * The monthly report's team sections (`report.teams`): for each team, its totals and trend, who did
 * what within it, and balance notes computed within it — concentration inside the team, rotation
 * suggestions among its own members. Pure; the publisher computes each team's month with the
 * same queries as the organisation's, kept to credits earned while in the team.
 */
import { escapeMarkdown, profileLink } from "./escape.js";
import { countByCategory, type MonthSummary } from "./month-summary.js";
import { balanceSection } from "./monthly-balance.js";
import { compactTable, compareText, plural } from "./monthly-format.js";
import type { MonthTrend } from "./monthly-trend.js";

export type TeamMonth = {
  slug: string;
  name: string;
  /** People who were members (nested teams included) at some time in the month. */
  members: number;
  /** This month's credits of its members while in the team, filtered for the destination. */
  current: MonthSummary;
  /** Last month, filtered the same way. */
  previous: { glue: number; code: number; people: number; repositories: number };
  /** The team's glue per month, for the balance notes' comparison with earlier months. */
  trend: readonly MonthTrend[];
  /** A link host per login (a URL of theirs), for profile links. */
  near?: ReadonlyMap<string, string>;
  /** Repositories with credits of the team's members that the destination may not show. */
  hiddenRepositories?: number;
};

export type TeamSectionsOptions = {
  period: string;
  /** `report.teams_min_size`. */
  minSize: number;
  /** `report.balance.min_credits`. */
  minCredits: number;
  /** This month's newcomers: never suggested for a rotation. */
  newcomers: readonly string[];
  /** The table of this month and last, as the organisation's section shows it. */
  headline: (team: Pick<TeamMonth, "current" | "previous">) => string;
  /** One row of the who-did-what table. */
  row: (link: string, person: MonthSummary["contributors"][number]) => string;
};

const heading = (team: TeamMonth) =>
  `## Team ${escapeMarkdown(team.name)} (\`${escapeMarkdown(team.slug)}\`)\n\n${plural(team.members, "member")} this month, nested teams included; what they did while in the team.`;

/** One team's section; `people` false leaves out everyone's name (a small team, or no room). */
export const teamSection = (team: TeamMonth, options: TeamSectionsOptions, people: boolean): string => {
  const parts = [heading(team), options.headline(team)];
  if (team.current.contributors.length === 0) {
    parts.push("No glue or code credits from this team's members this month.");
    return parts.join("\n\n");
  }
  if (team.members < options.minSize) {
    parts.push(
      `_Totals only: the team had fewer than ${plural(options.minSize, "member")} this month (\`report.teams_min_size\`)._`,
    );
    return parts.join("\n\n");
  }
  if (!people) {
    parts.push("_Totals only, to keep this issue under GitHub's length limit._");
    return parts.join("\n\n");
  }
  // Listed by name, as the organisation's table is: a team section credits, it does not rank.
  const contributors = [...team.current.contributors].sort((a, b) => compareText(a.login, b.login));
  const rows = contributors.map((person) =>
    options.row(profileLink(person.login, team.near?.get(person.login.toLowerCase())), person),
  );
  const table = [
    compactTable(["Contributor", "Glue", "Code", "Most glue in"], ["l", "r", "r", "l"], []),
    ...rows,
  ].join("\n");
  parts.push(`### Who did what in ${escapeMarkdown(team.slug)}\n\nListed by name.\n\n${table}`);
  parts.push(
    balanceSection(
      team.current,
      {
        period: options.period,
        minCredits: options.minCredits,
        newcomers: options.newcomers,
        trend: team.trend,
        heading: `### Balance within ${escapeMarkdown(team.slug)}`,
      },
      countByCategory(team.current.contributors),
    ),
  );
  return parts.join("\n\n");
};

/**
 * Every team's section, in the order given, in at most `budget` characters: once the sections
 * would run past it, the remaining teams show their totals only. Null when there are no teams.
 */
export const teamSections = (
  teams: readonly TeamMonth[],
  options: TeamSectionsOptions,
  budget: number,
): string | null => {
  if (teams.length === 0) return null;
  const sections: string[] = [];
  let used = 0;
  for (const team of teams) {
    const full = teamSection(team, options, true);
    const section = used + full.length + 2 <= budget ? full : teamSection(team, options, false);
    used += section.length + 2;
    sections.push(section);
  }
  return sections.join("\n\n");
};
