import type { Context } from "probot";
import { parseInstallation } from "../events/installation-change.js";
import type { Sql } from "../store/db.js";
import { deleteInstallation } from "../store/delete-installation.js";
import { saveInstallation } from "../store/installations.js";

/** The installation a payload names, or null (logged) when it cannot be read: redelivering it would not help. */
const installationOf = (context: Context) => {
  const installation = parseInstallation(context.payload);
  if (installation) return installation;
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
  if (installation) await saveInstallation(sql, installation);
};
