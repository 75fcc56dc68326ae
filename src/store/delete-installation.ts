import type { Sql } from "./db.js";

const TABLES = [
  "credits",
  "subject_titles",
  "activities",
  "deliveries",
  "pull_request_files",
  "pull_request_ready",
  "repo_configs",
  "opt_outs",
  "pull_requests",
  "outbox",
  "outbox_pauses",
  "report_claims",
  "report_issues",
  "commands",
  "backfill_cursors",
  "backfill_runs",
  "redelivery_claims",
  "issue_dependencies",
  "team_memberships",
  "teams",
  "team_syncs",
  "installations",
] as const;

/** The advisory lock (two-int form) that writers share per installation; see migration 012b. */
const installationLock = (installationId: number) => [12012, installationId % 2147483647] as const;

/**
 * `installation.deleted`: everything stored for the installation goes, in one transaction, and
 * nothing is stored for it again. It waits for transactions already writing for the installation
 * to commit, so what they wrote goes too.
 */
export const deleteInstallation = async (sql: Sql, installationId: number): Promise<void> => {
  const [space, key] = installationLock(installationId);
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${space}::int, ${key}::int)`;
    await tx`
      insert into removed_installations (installation_id) values (${installationId})
      on conflict do nothing
    `;
    for (const table of TABLES) await tx`delete from ${tx(table)} where installation_id = ${installationId}`;
  });
};

/** Whether the installation was uninstalled (its data removed, for good). */
export const isInstallationRemoved = async (sql: Sql, installationId: number): Promise<boolean> => {
  const rows = await sql`select 1 from removed_installations where installation_id = ${installationId}`;
  return rows.length > 0;
};
