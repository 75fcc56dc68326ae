import { evidenceQuota } from "../report/evidence-quota.js";
import { carriers } from "../report/monthly-balance.js";
import { sortByContribution } from "../report/monthly-format.js";
import { CAUGHT_EARLY, NEWCOMER_RULES } from "../report/monthly-highlights.js";
import { evidenceBudget, type MonthlyReportInput } from "../report/monthly-report.js";
import { trendPeriods } from "../report/monthly-trend.js";
import { monthWindow, previousPeriod } from "../report/periods.js";
import { queryCarrierActivity } from "../store/carrier-activity.js";
import type { Sql } from "../store/db.js";
import { queryGlueTrend } from "../store/glue-trend.js";
import { queryMonthCounts } from "../store/month-counts.js";
import { queryNewestCredits } from "../store/newest-credits.js";
import { queryCreditTotals } from "../store/query-credits.js";
import { queryNewcomerMerges, queryPreventativeWins } from "../store/report-highlights.js";
import { buildTeamMonths, type TeamMonthsOptions } from "./build-team-months.js";
import { destinationScope } from "./destination-scope.js";
import type { Destination } from "./report-destinations.js";

/**
 * Builds the report issue of one destination from the ledger, reading no more than the issue can
 * show: counts per person and category (not every credit), last month's totals, and then only the
 * newest credits the evidence could ever list and the activity behind its balance notes. A public
 * destination shows only `publicRepoIds` (the repositories public now); the others are not even
 * counted but for how many they are. With `settings.teams`, also the sections of `report.teams`.
 */
export const buildReportInput = async (
  sql: Sql,
  installationId: number,
  period: string,
  destination: Destination,
  publicRepoIds: readonly number[],
  settings: {
    minCredits?: number;
    members?: readonly string[];
    /** `report.teams` and what it needs; `exclude`: the teams that have an issue of their own. */
    teams?: { report: TeamMonthsOptions["report"]; exclude: readonly string[] };
  } = {},
): Promise<MonthlyReportInput> => {
  const scope = destinationScope(installationId, period, destination, publicRepoIds);
  const [first] = trendPeriods(period);
  const [counts, previous, preventative, newcomers, trend] = await Promise.all([
    queryMonthCounts(sql, scope),
    queryCreditTotals(sql, { ...scope, ...monthWindow(previousPeriod(period)) }),
    queryPreventativeWins(sql, scope, CAUGHT_EARLY),
    queryNewcomerMerges(sql, scope, NEWCOMER_RULES),
    queryGlueTrend(sql, { ...scope, since: monthWindow(first ?? period).since }),
  ]);
  // In report order once, so that every later sort of them is a single pass.
  const people = sortByContribution(counts.people);
  const counted: MonthlyReportInput = {
    period,
    scope: destination.scope,
    current: {
      contributors: people.map((person) => ({ ...person, newest: [] })),
      repositories: counts.repositories,
      carriers: [],
    },
    previous,
    leftOut: destination.private ? null : { repositories: counts.hiddenRepositories },
    highlights: { preventative, newcomers },
    trend,
    ...(settings.minCredits === undefined ? {} : { minCredits: settings.minCredits }),
  };
  const carried = carriers(people, settings.minCredits);
  const [newest, activity] = await Promise.all([
    queryNewestCredits(sql, scope, evidenceQuota(people, evidenceBudget(counted))),
    queryCarrierActivity(sql, scope, carried, settings.members),
  ]);
  const input: MonthlyReportInput = {
    ...counted,
    current: {
      ...counted.current,
      contributors: people.map((person) => ({
        ...person,
        newest: newest.get(person.login.toLowerCase()) ?? [],
      })),
      carriers: activity,
    },
  };
  if (!settings.teams) return input;
  // The team sections link people the way the organisation's evidence does, so they come last.
  const teams = await buildTeamMonths(sql, scope, {
    period,
    destinationPrivate: destination.private,
    report: settings.teams.report,
    members: settings.members,
    org: input,
    exclude: settings.teams.exclude,
  });
  return teams ? { ...input, teams } : input;
};
