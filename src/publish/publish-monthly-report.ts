import type { Logger } from "pino";
import {
  type MonthlyReportInput,
  renderMonthlyReport,
  reportMarker,
  reportTitle,
} from "../report/monthly-report.js";
import { monthWindow, previousPeriod } from "../report/periods.js";
import { summarize } from "../report/summarize.js";
import type { Sql } from "../store/db.js";
import { type CreditRow, queryCreditRepos, queryCredits, queryCreditTotals } from "../store/query-credits.js";
import { queryNewcomerMerges, queryPreventativeWins } from "../store/report-highlights.js";
import { ensureReportIssue } from "./ensure-report-issue.js";
import type { GitHubWrite, Octokit } from "./github-write.js";
import {
  chooseDestinations,
  type Destination,
  listInstalledRepos,
  readOrgConfig,
} from "./report-destinations.js";

/** What a public destination may show: nothing from a private repository, not even a count of its credits. */
const visibleRows = (rows: readonly CreditRow[], destination: Destination) => {
  const scoped = destination.onlyRepo ? rows.filter((row) => row.repo === destination.onlyRepo) : [...rows];
  if (destination.private) return { rows: scoped, leftOut: null };
  const hidden = new Set(scoped.filter((row) => row.repoPrivate).map((row) => row.repo));
  return { rows: scoped.filter((row) => !row.repoPrivate), leftOut: { repositories: hidden.size } };
};

/** Builds the report issue of one destination from the ledger. */
export const buildReportInput = async (
  sql: Sql,
  installationId: number,
  period: string,
  destination: Destination,
): Promise<MonthlyReportInput> => {
  const current = monthWindow(period);
  const window = { installationId, ...current, includePrivate: destination.private };
  // Last month is only compared with: its totals come from the database, not its rows.
  const [now, previous, preventative, newcomers] = await Promise.all([
    queryCredits(sql, { installationId, ...current }),
    queryCreditTotals(sql, {
      installationId,
      ...monthWindow(previousPeriod(period)),
      includePrivate: destination.private,
      repo: destination.onlyRepo,
    }),
    queryPreventativeWins(sql, window),
    queryNewcomerMerges(sql, window),
  ]);
  const shownNow = visibleRows(now, destination);
  const inScope = <T extends { pr: string }>(items: T[]) =>
    destination.onlyRepo ? items.filter((item) => item.pr.startsWith(`${destination.onlyRepo}#`)) : items;
  return {
    period,
    scope: destination.scope,
    current: summarize(shownNow.rows, { installation: installationId, ...current }),
    previous,
    leftOut: shownNow.leftOut,
    highlights: { preventative: inScope(preventative), newcomers: inScope(newcomers) },
  };
};

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
