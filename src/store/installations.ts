import type { Sql } from "./db.js";

/** Remembers an installation and the account it is on (updated when the account is renamed). */
export const saveInstallation = async (
  sql: Sql,
  installation: { id: number; accountLogin: string | null; accountId: number | null },
): Promise<void> => {
  await sql`
    insert into installations (installation_id, account_login, account_id)
    values (${installation.id}, ${installation.accountLogin}, ${installation.accountId})
    on conflict (installation_id) do update set
      account_login = excluded.account_login,
      account_id = excluded.account_id
  `;
};
