import type { Logger } from "pino";
import type { Octokit } from "../github/octokit.js";
import { renderMonthlyReport, reportMarker, reportTitle } from "../report/monthly-report.js";
import { monthWindow } from "../report/periods.js";
import type { Sql } from "../store/db.js";
import { queryCreditRepos } from "../store/query-credits.js";
import { buildReportInput } from "./build-report-input.js";
import { ensureReportIssue } from "./ensure-report-issue.js";
import type { GitHubWrite } from "./github-write.js";
import { chooseDestinations, listInstalledRepos, readOrgConfig } from "./report-destinations.js";

export { buildReportInput };

export type PublishResult = {
  destination: string;
  outcome: "created" | "updated" | "unchanged";
  write: GitHubWrite | null;
};

/**
 * Publishes an installation's monthly report: to `report.repository`, else the org's `.github`
 * repository, else one issue per active repository. Each issue is created once and then edited;
 * a month without activity gets none.
 */
export const publishMonthlyReport = async (options: {
  sql: Sql;
  octokit: Octokit;
  installationId: number;
  period: string;
  dryRun: boolean;
  log: Logger;
}): Promise<PublishResult[]> => {
  const { sql, octokit, installationId, period, dryRun, log } = options;
  const window = monthWindow(period);
  const active = await queryCreditRepos(sql, { installationId, ...window });
  // A month without any credit gets no issue: an empty report is noise (and costs API calls).
  if (active.length === 0) return [];
  const repos = await listInstalledRepos(octokit);
  const config = await readOrgConfig(octokit, repos, log);
  const results: PublishResult[] = [];
  for (const destination of chooseDestinations(repos, config, active)) {
    const input = await buildReportInput(sql, installationId, period, destination);
    const result = await ensureReportIssue(
      octokit,
      sql,
      {
        installationId,
        repo: destination.repo,
        period,
        marker: reportMarker(period),
        title: reportTitle(input),
        body: renderMonthlyReport(input),
      },
      { dryRun: dryRun || config.dry_run, log },
    );
    log.info(
      { installation: installationId, destination: destination.repo, period, outcome: result.outcome },
      "monthly report",
    );
    results.push({ destination: destination.repo, ...result });
  }
  return results;
};
