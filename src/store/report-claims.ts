import type { Sql } from "./db.js";

/**
 * Claims the monthly report of (installation, period) for `claimant`. Exactly one replica wins;
 * a claim that never completed can be taken over after `staleAfterMinutes` (a crashed run).
 */
export const claimReport = async (
  sql: Sql,
  claim: { installationId: number; period: string; claimant: string; staleAfterMinutes?: number },
): Promise<boolean> => {
  const rows = await sql`
    insert into report_claims (installation_id, period, claimed_by)
    values (${claim.installationId}, ${claim.period}, ${claim.claimant})
    on conflict (installation_id, period) do update
      set claimed_by = excluded.claimed_by, claimed_at = now()
      where report_claims.completed_at is null
        and report_claims.claimed_at < now() - make_interval(mins => ${claim.staleAfterMinutes ?? 30})
    returning 1
  `;
  return rows.length > 0;
};

export const completeReport = async (sql: Sql, installationId: number, period: string): Promise<void> => {
  await sql`
    insert into report_claims (installation_id, period, claimed_by, completed_at)
    values (${installationId}, ${period}, 'publish', now())
    on conflict (installation_id, period) do update set completed_at = now()
  `;
};

export const isReportComplete = async (
  sql: Sql,
  installationId: number,
  period: string,
): Promise<boolean> => {
  const rows = await sql`
    select 1 from report_claims
    where installation_id = ${installationId} and period = ${period} and completed_at is not null
  `;
  return rows.length > 0;
};

export const listInstallations = async (sql: Sql): Promise<number[]> =>
  (
    await sql<
      { installation_id: number }[]
    >`select installation_id from installations order by installation_id`
  ).map((row) => row.installation_id);
