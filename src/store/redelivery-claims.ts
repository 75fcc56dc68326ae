import type postgres from "postgres";
import type { Sql } from "./db.js";

/**
 * A delivery GitHub records as failed: its guid (X-GitHub-Delivery), installation (0: none) and
 * the id of its latest failed attempt.
 */
export type FailedDelivery = { installationId: number; guid: string; event: string; attemptId: number };

/** How often one delivery is asked for at most. */
export const MAX_ASKS = 3;

/**
 * Claims the failed deliveries that the inbox does not hold and nobody asked GitHub to redeliver
 * for this attempt yet (a newer failed attempt means the redelivery failed too; it is asked for
 * again, up to MAX_ASKS times); returns those this caller claimed (each claimed by one caller).
 */
export const claimRedeliveries = async (
  sql: Sql,
  failed: readonly FailedDelivery[],
  claimant: string,
): Promise<FailedDelivery[]> => {
  if (failed.length === 0) return [];
  const rows = failed.map((d) => ({
    installation_id: d.installationId,
    guid: d.guid,
    event: d.event,
    attempt_id: d.attemptId,
  }));
  const claimed = await sql<{ installation_id: number; guid: string; event: string; attempt_id: number }[]>`
    insert into redelivery_claims (installation_id, guid, event, attempt_id, claimed_by)
    select r.installation_id, r.guid, r.event, r.attempt_id, ${claimant}
    from jsonb_to_recordset(${sql.json(rows as postgres.JSONValue)})
      as r(installation_id bigint, guid text, event text, attempt_id bigint)
    where not exists (
      select 1 from deliveries d where d.installation_id = r.installation_id and d.delivery_id = r.guid
    )
    on conflict (installation_id, guid) do update set
      attempt_id = excluded.attempt_id,
      asks = redelivery_claims.asks + 1,
      claimed_by = excluded.claimed_by,
      claimed_at = now()
    where redelivery_claims.attempt_id < excluded.attempt_id and redelivery_claims.asks < ${MAX_ASKS}
    returning installation_id, guid, event, attempt_id
  `;
  return claimed.map((row) => ({
    installationId: row.installation_id,
    guid: row.guid,
    event: row.event,
    attemptId: row.attempt_id,
  }));
};
