import type { Sql } from "./db.js";

export type ReportIssueKey = { installationId: number; repo: string; period: string };
export type ReportIssueRow = { issueNumber: number | null; body: string | null };

const where = (sql: Sql, key: ReportIssueKey) =>
  sql`installation_id = ${key.installationId} and repo = ${key.repo} and period = ${key.period}`;

/**
 * Claims the right to write this report issue for `leaseMs`, unless another publisher holds an
 * unexpired claim: then null. The claim is a row, not a lock: nothing stays open while GitHub is
 * asked, and a publisher that died is replaced once its claim runs out. Answers what is known
 * of the issue.
 */
export const claimReportIssue = async (
  sql: Sql,
  key: ReportIssueKey,
  holder: string,
  leaseMs: number,
): Promise<ReportIssueRow | null> => {
  const [row] = await sql<{ issue_number: number | null; body: string | null }[]>`
    insert into report_issues (installation_id, repo, period, claimed_by, claimed_until)
    values (${key.installationId}, ${key.repo}, ${key.period}, ${holder}, now() + make_interval(secs => ${leaseMs / 1000}))
    on conflict (installation_id, repo, period) do update set
      claimed_by = excluded.claimed_by,
      claimed_until = excluded.claimed_until
    where report_issues.claimed_until is null
      or report_issues.claimed_until < now()
      or report_issues.claimed_by = excluded.claimed_by
    returning issue_number, body
  `;
  return row ? { issueNumber: row.issue_number, body: row.body } : null;
};

/** Remembers the issue and the body written, and gives up the claim. */
export const saveReportIssue = async (
  sql: Sql,
  key: ReportIssueKey,
  holder: string,
  written: { issueNumber: number; body: string } | null,
): Promise<void> => {
  await sql`
    update report_issues set
      ${written ? sql`issue_number = ${written.issueNumber}, body = ${written.body}, updated_at = now(),` : sql``}
      claimed_by = null, claimed_until = null
    where ${where(sql, key)} and claimed_by = ${holder}
  `;
};

/** A report issue the app published: where, for which month, and its number. */
export type PublishedReportIssue = { repo: string; period: string; issueNumber: number };

/**
 * The report issues of the installation published (opened on GitHub) for `periods`, oldest month
 * first, and how many it published for months before all of them.
 */
export const listPublishedReportIssues = async (
  sql: Sql,
  installationId: number,
  periods: readonly string[],
): Promise<{ recent: PublishedReportIssue[]; older: number }> => {
  const rows = await sql<{ repo: string; period: string; issue_number: number }[]>`
    select repo, period, issue_number from report_issues
    where installation_id = ${installationId} and issue_number is not null
      and period in ${sql([...periods])}
    order by period, repo
  `;
  const [older]: [{ n: number }?] = await sql`
    select count(*)::int as n from report_issues
    where installation_id = ${installationId} and issue_number is not null
      and period < ${[...periods].sort()[0] ?? ""}
  `;
  return {
    recent: rows.map((row) => ({ repo: row.repo, period: row.period, issueNumber: row.issue_number })),
    older: older?.n ?? 0,
  };
};
