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
