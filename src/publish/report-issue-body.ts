import type { Config } from "../config/schema.js";
import { NEWCOMER_RULES } from "../report/monthly-highlights.js";
import { renderMonthlyReport, reportTitle } from "../report/monthly-report.js";
import { renderTeamReport, teamReportTitle } from "../report/team-report.js";
import type { Sql } from "../store/db.js";
import { queryNewcomerMerges } from "../store/report-highlights.js";
import { buildReportInput } from "./build-report-input.js";
import { buildTeamMonths } from "./build-team-months.js";
import { destinationScope } from "./destination-scope.js";
import type { Destination } from "./report-destinations.js";

/**
 * The title and body of one destination's report issue: the organisation's (or a repository's)
 * report with its team sections, leaving out the teams that have an issue of their own; or, for a
 * team's own destination, that team's section alone. Null for a team issue with nothing to show:
 * a team without credits this month (unless `republishing`), a secret team in a public repository,
 * or a team `report.teams` does not name.
 */
export const reportIssueBody = async (
  sql: Sql,
  options: {
    installationId: number;
    period: string;
    destination: Destination;
    publicRepoIds: readonly number[];
    config: Config;
    /** The slugs of the teams with an issue of their own. */
    ownIssues: readonly string[];
    republishing: boolean;
  },
): Promise<{ title: string; body: string } | null> => {
  const { installationId, period, destination, publicRepoIds, config } = options;
  if (destination.team !== undefined) {
    const scope = destinationScope(installationId, period, destination, publicRepoIds);
    const [teams, newcomers] = await Promise.all([
      buildTeamMonths(sql, scope, {
        period,
        destinationPrivate: destination.private,
        report: config.report,
        members: config.member_associations,
        only: destination.team,
      }),
      queryNewcomerMerges(sql, scope, NEWCOMER_RULES),
    ]);
    const [team] = teams?.months ?? [];
    if (!team || (team.current.contributors.length === 0 && !options.republishing)) return null;
    const input = {
      period,
      scope: destination.scope,
      team,
      minSize: config.report.teams_min_size,
      minCredits: config.report.balance.min_credits,
      newcomers: newcomers.map((newcomer) => newcomer.login),
    };
    return { title: teamReportTitle(input), body: renderTeamReport(input) };
  }
  const input = await buildReportInput(sql, installationId, period, destination, publicRepoIds, {
    minCredits: config.report.balance.min_credits,
    members: config.member_associations,
    teams: { report: config.report, exclude: options.ownIssues },
  });
  return { title: reportTitle(input), body: renderMonthlyReport(input) };
};
