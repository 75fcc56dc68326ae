import type { Sql } from "./db.js";

/**
 * The first and last time an installation (or one of its repositories, any case) has a credit, for
 * saying why a report is empty; null when it has none at all.
 */
export const queryLedgerSpan = async (
  sql: Sql,
  installationId: number,
  repo?: string,
): Promise<{ first: Date; last: Date } | null> => {
  const [row]: [{ first: Date | null; last: Date | null }?] = await sql`
    select min(occurred_at) as first, max(occurred_at) as last
    from credits
    where installation_id = ${installationId}
      ${repo ? sql`and lower(repo) = ${repo.toLowerCase()}` : sql``}
  `;
  return row?.first && row.last ? { first: row.first, last: row.last } : null;
};
