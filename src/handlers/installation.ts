import type { Context } from "probot";
import { z } from "zod";
import type { Sql } from "../store/db.js";
import { deleteInstallation } from "../store/delete-installation.js";

const installationEvent = z.object({
  installation: z.object({
    id: z.number().int().positive(),
    account: z.object({ login: z.string(), id: z.number().optional() }).passthrough().nullish(),
  }),
});

/** The installation a payload names, or null (logged) when it cannot be read: redelivering it would not help. */
const installationOf = (context: Context) => {
  const event = installationEvent.safeParse(context.payload);
  if (event.success) return event.data.installation;
  context.log.warn(
    { event: context.name, delivery: context.id },
    "payload skipped: installation missing or malformed",
  );
  return null;
};

/** `installation.deleted`: the installation's ledger and caches are removed. */
export const forgetInstallation = async (
  sql: Sql,
  context: Context<"installation.deleted">,
): Promise<void> => {
  const installation = installationOf(context);
  if (!installation) return;
  await deleteInstallation(sql, installation.id);
  context.log.info({ installation: installation.id }, "installation deleted, its data removed");
};

/**
 * `installation.created`: remember who installed it. People who opted out while the account had
 * the app installed before stay out: their ids are kept by account.
 */
export const rememberInstallation = async (
  sql: Sql,
  context: Context<"installation.created">,
): Promise<void> => {
  const installation = installationOf(context);
  if (!installation) return;
  await sql`
    insert into installations (installation_id, account_login, account_id)
    values (${installation.id}, ${installation.account?.login ?? null}, ${installation.account?.id ?? null})
    on conflict (installation_id) do update set
      account_login = excluded.account_login,
      account_id = excluded.account_id
  `;
};
