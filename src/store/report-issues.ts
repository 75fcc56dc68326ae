import type { Sql } from "./db.js";

export type ReportIssueKey = { installationId: number; repo: string; period: string };
export type ReportIssueRow = { issueNumber: number | null; body: string | null };

/**
 * Runs `work` while holding the row of this report issue locked, so concurrent publishers (on
 * any replica) take turns: the first creates the issue, the others find and edit it.
 */
export const withReportIssueLock = async <T>(
  sql: Sql,
  key: ReportIssueKey,
  work: (
    known: ReportIssueRow,
    save: (row: { issueNumber: number; body: string }) => Promise<void>,
  ) => Promise<T>,
): Promise<T> =>
  sql.begin(async (tx) => {
    await tx`
      insert into report_issues (installation_id, repo, period) values (${key.installationId}, ${key.repo}, ${key.period})
      on conflict do nothing
    `;
    const [row]: [{ issue_number: number | null; body: string | null }?] = await tx`
      select issue_number, body from report_issues
      where installation_id = ${key.installationId} and repo = ${key.repo} and period = ${key.period}
      for update
    `;
    const save = async ({ issueNumber, body }: { issueNumber: number; body: string }) => {
      await tx`
        update report_issues set issue_number = ${issueNumber}, body = ${body}, updated_at = now()
        where installation_id = ${key.installationId} and repo = ${key.repo} and period = ${key.period}
      `;
    };
    return work({ issueNumber: row?.issue_number ?? null, body: row?.body ?? null }, save);
  }) as Promise<T>;

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
