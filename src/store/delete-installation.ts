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
  "report_claims",
  "report_issues",
  "commands",
  "backfill_cursors",
  "backfill_runs",
  "issue_dependencies",
  "installations",
] as const;

/** `installation.deleted`: everything stored for the installation goes, in one transaction. */
export const deleteInstallation = async (sql: Sql, installationId: number): Promise<void> => {
  await sql.begin(async (tx) => {
    for (const table of TABLES) await tx`delete from ${tx(table)} where installation_id = ${installationId}`;
  });
};
