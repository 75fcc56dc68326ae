import { type AppIdentitySource, findOwnItem, isAuthoredByApp } from "../github/app-identity.js";
import type { Octokit } from "../github/octokit.js";
import type { Sql } from "../store/db.js";
import { withReportIssueLock } from "../store/report-issues.js";
import { type EnsureOptions, type GitHubWrite, orNoneIfMissing, performWrite } from "./github-write.js";
import { ownerAndName } from "./repo-name.js";

export const REPORT_LABEL = "gluework";

export type ReportIssue = {
  installationId: number;
  /** `owner/name` of the destination repository. */
  repo: string;
  period: string;
  marker: string;
  title: string;
  body: string;
};

/**
 * The report issue of this period: found by its hidden marker among the `gluework`-labelled issues
 * the app's own bot account opened (anyone who can open an issue can label it and copy the marker).
 */
const findByMarker = async (
  octokit: Octokit,
  issue: ReportIssue,
  app: AppIdentitySource,
): Promise<number | null> => {
  const issues = await orNoneIfMissing(
    () =>
      octokit.paginate(octokit.rest.issues.listForRepo, {
        ...ownerAndName(issue.repo),
        labels: REPORT_LABEL,
        state: "all",
        per_page: 100,
      }),
    [],
  );
  const own = await findOwnItem(
    issues,
    (candidate) => candidate.body?.includes(issue.marker) ?? false,
    (identity, candidate) => isAuthoredByApp(identity, candidate.user),
    app,
  );
  return own?.number ?? null;
};

export const planReportIssue = (issue: ReportIssue, number: number | null): GitHubWrite =>
  number === null
    ? {
        route: "POST /repos/{owner}/{repo}/issues",
        params: { ...ownerAndName(issue.repo), title: issue.title, body: issue.body, labels: [REPORT_LABEL] },
        purpose: `open report issue ${issue.period} in ${issue.repo}`,
      }
    : {
        route: "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
        params: { ...ownerAndName(issue.repo), issue_number: number, title: issue.title, body: issue.body },
        purpose: `update report issue ${issue.period} in ${issue.repo}#${number}`,
      };

/**
 * One report issue per (installation, destination, month): created once, then edited in place.
 * Publishers on any replica take turns on a row lock, so concurrent runs never open two.
 */
export const ensureReportIssue = async (
  octokit: Octokit,
  sql: Sql,
  issue: ReportIssue,
  options: EnsureOptions,
): Promise<{ outcome: "created" | "updated" | "unchanged"; write: GitHubWrite | null }> =>
  withReportIssueLock(sql, issue, async (known, save) => {
    const number = known.issueNumber ?? (await findByMarker(octokit, issue, options.app));
    if (number !== null && known.issueNumber === number && known.body === issue.body) {
      return { outcome: "unchanged", write: null };
    }
    const write = planReportIssue(issue, number);
    const result = await performWrite(octokit, write, options);
    const saved = number ?? (typeof result?.number === "number" ? result.number : null);
    if (saved !== null && !options.dryRun) await save({ issueNumber: saved, body: issue.body });
    return { outcome: number === null ? "created" : "updated", write };
  });
