import type { Logger } from "pino";
import type { Config } from "../config/schema.js";
import type { AppIdentitySource } from "../github/app-identity.js";
import type { Octokit } from "../github/octokit.js";
import { reportMarker } from "../report/monthly-report.js";
import { monthWindow } from "../report/periods.js";
import type { Sql } from "../store/db.js";
import { queryCreditRepos } from "../store/query-credits.js";
import { buildReportInput } from "./build-report-input.js";
import { ensureReportIssue } from "./ensure-report-issue.js";
import type { GitHubWrite } from "./github-write.js";
import {
  chooseDestinations,
  chooseTeamDestinations,
  type InstalledRepo,
  listInstalledRepos,
  readOrgConfig,
} from "./report-destinations.js";
import { reportIssueBody } from "./report-issue-body.js";

export { buildReportInput };

export type PublishResult = {
  destination: string;
  outcome: "created" | "updated" | "unchanged";
  write: GitHubWrite | null;
};

/** The installation's repositories as GitHub lists them now, and the config that sets its report. */
export type ReportSetting = { repos: InstalledRepo[]; config: Config };

/** Reads what `publishMonthlyReport` needs to know from GitHub before it publishes. */
export const readReportSetting = async (octokit: Octokit, log: Logger): Promise<ReportSetting> => {
  const repos = await listInstalledRepos(octokit);
  return { repos, config: await readOrgConfig(octokit, repos, log) };
};

/**
 * Publishes an installation's monthly report: to `report.repository`, else the org's `.github`
 * repository, else one issue per active repository; and each team of `report.destinations` its
 * own issue in its own repository (its section then leaves the organisation's issue). Each issue is created once and then edited;
 * a month without activity gets none. Visibility is GitHub's at this moment: a destination that
 * is not public now shows only the repositories that are public now.
 */
export const publishMonthlyReport = async (options: {
  sql: Sql;
  octokit: Octokit;
  app: AppIdentitySource;
  installationId: number;
  period: string;
  dryRun: boolean;
  log: Logger;
  /** Already read (the schedule reads it to learn the report day). */
  setting?: ReportSetting;
  /**
   * Only redo the issue already published in this destination repository (`owner/name`), even
   * if no credit of the month is left in it; nothing when it is no longer a destination.
   */
  republish?: string;
}): Promise<PublishResult[]> => {
  const { sql, octokit, app, installationId, period, dryRun, log, republish } = options;
  const window = monthWindow(period);
  const active = await queryCreditRepos(sql, { installationId, ...window });
  // A month without any credit gets no issue: an empty report is noise (and costs API calls).
  if (active.length === 0 && republish === undefined) return [];
  const { repos, config } = options.setting ?? (await readReportSetting(octokit, log));
  const publicRepoIds = repos.filter((repo) => !repo.private).map((repo) => repo.id);
  const organisation =
    republish === undefined
      ? chooseDestinations(repos, config, active)
      : chooseDestinations(
          repos,
          config,
          repos.map((repo) => repo.id),
        );
  const teams = chooseTeamDestinations(repos, config, organisation);
  for (const problem of teams.problems)
    log.warn({ installation: installationId, problem }, "team report destination ignored");
  const destinations = [...organisation, ...teams.destinations].filter(
    (destination) => republish === undefined || destination.repo.toLowerCase() === republish.toLowerCase(),
  );
  const results: PublishResult[] = [];
  for (const destination of destinations) {
    const issue = await reportIssueBody(sql, {
      installationId,
      period,
      destination,
      publicRepoIds,
      config,
      ownIssues: teams.destinations.flatMap((team) => (team.team === undefined ? [] : [team.team])),
      republishing: republish !== undefined,
    });
    if (!issue) continue;
    const result = await ensureReportIssue(
      octokit,
      sql,
      {
        installationId,
        repo: destination.repo,
        period,
        marker: reportMarker(period),
        title: issue.title,
        body: issue.body,
      },
      { dryRun: dryRun || config.dry_run, log, app },
    );
    log.info(
      { installation: installationId, destination: destination.repo, period, outcome: result.outcome },
      "monthly report",
    );
    results.push({ destination: destination.repo, ...result });
  }
  return results;
};
