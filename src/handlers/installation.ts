import type { Context } from "probot";
import type { Sql } from "../store/db.js";
import { deleteInstallation } from "../store/delete-installation.js";

/** `installation.deleted`: the installation's ledger and caches are removed. */
export const forgetInstallation = async (
  sql: Sql,
  context: Context<"installation.deleted">,
): Promise<void> => {
  const { id } = context.payload.installation;
  await deleteInstallation(sql, id);
  context.log.info({ installation: id }, "installation deleted, its data removed");
};

/** `installation.created`: remember who installed it. */
export const rememberInstallation = async (
  sql: Sql,
  context: Context<"installation.created">,
): Promise<void> => {
  const { installation } = context.payload;
  const account = installation.account && "login" in installation.account ? installation.account.login : null;
  await sql`
    insert into installations (installation_id, account_login) values (${installation.id}, ${account})
    on conflict (installation_id) do update set account_login = excluded.account_login
  `;
};
