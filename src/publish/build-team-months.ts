import type { Config } from "../config/schema.js";
import { carriers } from "../report/monthly-balance.js";
import { sortByContribution } from "../report/monthly-format.js";
import type { MonthlyReportInput } from "../report/monthly-report.js";
import type { TeamMonth } from "../report/monthly-team-sections.js";
import { trendPeriods } from "../report/monthly-trend.js";
import { monthWindow, previousPeriod } from "../report/periods.js";
import { queryCarrierActivity } from "../store/carrier-activity.js";
import type { Sql } from "../store/db.js";
import { queryGlueTrend } from "../store/glue-trend.js";
import { queryMonthCounts } from "../store/month-counts.js";
import type { MonthScope } from "../store/month-scope.js";
import { queryCreditTotals } from "../store/query-credits.js";
import { countTeamMembers, findTeam, listTeams, type TeamScope } from "../store/team-queries.js";

/** The teams `report.teams` names (`all`, or slugs; a slug the store does not know is skipped). */
const chosenTeams = async (
  sql: Sql,
  installationId: number,
  teams: Config["report"]["teams"],
): Promise<TeamScope[]> => {
  const slugs = teams === "all" ? (await listTeams(sql, installationId)).map((team) => team.slug) : teams;
  const found = await Promise.all(slugs.map((slug) => findTeam(sql, installationId, slug)));
  return found.filter((team): team is TeamScope => team !== null);
};

/** What `buildTeamMonths` needs besides the destination's scope. */
export type TeamMonthsOptions = {
  period: string;
  destinationPrivate: boolean;
  report: Pick<Config["report"], "teams" | "teams_min_size" | "balance">;
  members?: readonly string[];
  /** The organisation's input: its people's links. */
  org?: Pick<MonthlyReportInput, "current">;
  /** Only this team (its own issue), or all chosen teams but these (they have their own). */
  only?: string;
  exclude?: readonly string[];
};

/**
 * The months of the teams `report.teams` names, for the report of one destination: each counted
 * with the organisation's queries on the destination's scope (so a public destination shows no
 * private repository's credits), kept to credits earned while in the team. A public destination
 * gets no secret team at all.
 */
export const buildTeamMonths = async (
  sql: Sql,
  scope: MonthScope,
  options: TeamMonthsOptions,
): Promise<MonthlyReportInput["teams"]> => {
  const { period, report } = options;
  if (report.teams !== "all" && report.teams.length === 0) return undefined;
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const teams = (await chosenTeams(sql, scope.installationId, report.teams)).filter(
    (team) =>
      (options.destinationPrivate || team.privacy !== "secret") &&
      (options.only === undefined || same(team.slug, options.only)) &&
      !(options.exclude ?? []).some((slug) => same(slug, team.slug)),
  );
  const near = new Map(
    (options.org?.current.contributors ?? []).flatMap((person) => {
      const url = person.newest[0]?.url;
      return url ? [[person.login.toLowerCase(), url] as const] : [];
    }),
  );
  const [first] = trendPeriods(period);
  const months = await Promise.all(
    teams.map(async (team): Promise<TeamMonth> => {
      const teamScope: MonthScope = { ...scope, teamIds: team.teamIds };
      const [counts, previous, trend, members] = await Promise.all([
        queryMonthCounts(sql, teamScope),
        queryCreditTotals(sql, { ...teamScope, ...monthWindow(previousPeriod(period)) }),
        queryGlueTrend(sql, { ...teamScope, since: monthWindow(first ?? period).since }),
        countTeamMembers(sql, scope.installationId, team.teamIds, teamScope),
      ]);
      const people = sortByContribution(counts.people);
      const named = members >= report.teams_min_size;
      // Rotation suggestions come from the team's own credits: only its own members.
      const activity = named
        ? await queryCarrierActivity(
            sql,
            teamScope,
            carriers(people, report.balance.min_credits),
            options.members,
          )
        : [];
      return {
        slug: team.slug,
        name: team.name,
        members,
        current: {
          contributors: people.map((person) => ({ ...person, newest: [] })),
          repositories: counts.repositories,
          carriers: activity,
        },
        previous,
        trend,
        near,
        hiddenRepositories: counts.hiddenRepositories,
      };
    }),
  );
  return { months, minSize: report.teams_min_size };
};
