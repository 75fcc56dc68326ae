import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { setTimeout } from "node:timers/promises";
import { backoffMs } from "../backoff.js";
import { type AppIdentitySource, findOwnItem, isAuthoredByApp } from "../github/app-identity.js";
import type { Octokit } from "../github/octokit.js";
import type { Sql } from "../store/db.js";
import { claimReportIssue, saveReportIssue } from "../store/report-issues.js";
import { answeredId, type EnsureOutcome, ensure } from "./ensure.js";
import { type EnsureOptions, type GitHubWrite, orNoneIfMissing } from "./github-write.js";
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

/** How long a publisher may take to find and write one report issue before another may. */
const CLAIM_MS = 120_000;
/** How long a publisher waits for another one's claim on the same issue to end. */
const WAIT_MS = 60_000;

/** Another publisher kept writing this report issue for longer than a publisher waits. */
export class ReportIssueBusyError extends Error {
  constructor(issue: ReportIssue) {
    super(
      `report issue ${issue.period} in ${issue.repo} is being written by another publisher; try again later`,
    );
  }
}

/** Takes the claim on this report issue, waiting (with backoff) while another publisher holds it. */
const claim = async (sql: Sql, issue: ReportIssue, holder: string) => {
  const deadline = Date.now() + WAIT_MS;
  for (let attempt = 1; ; attempt += 1) {
    const known = await claimReportIssue(sql, issue, holder, CLAIM_MS);
    if (known) return known;
    if (Date.now() >= deadline) throw new ReportIssueBusyError(issue);
    await setTimeout(backoffMs(attempt, { baseMs: 100, capMs: 2000, jitter: 0.25 }));
  }
};

/**
 * One report issue per (installation, destination, month): created once, then edited in place.
 * Publishers on any replica take turns through a claim in the store, held while GitHub is asked
 * but with no transaction or lock open meanwhile, so nothing else in the process waits on it.
 */
export const ensureReportIssue = async (
  octokit: Octokit,
  sql: Sql,
  issue: ReportIssue,
  options: EnsureOptions,
): Promise<{ outcome: EnsureOutcome; write: GitHubWrite | null }> => {
  const holder = `${hostname()}:${process.pid}:${randomUUID()}`;
  const known = await claim(sql, issue, holder);
  let written: { issueNumber: number; body: string } | null = null;
  try {
    return await ensure<number>(
      octokit,
      {
        find: async () => known.issueNumber ?? (await findByMarker(octokit, issue, options.app)),
        plan: (number) =>
          number !== null && known.issueNumber === number && known.body === issue.body
            ? null
            : planReportIssue(issue, number),
        remember: async (number, answer) => {
          const saved = number ?? answeredId(answer, "number");
          if (saved !== null) written = { issueNumber: saved, body: issue.body };
        },
      },
      options,
    );
  } finally {
    await saveReportIssue(sql, issue, holder, written);
  }
};
