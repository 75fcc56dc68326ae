import { parseInstallation } from "../events/installation-change.js";
import type { Sql } from "../store/db.js";
import { deleteInstallation } from "../store/delete-installation.js";
import { saveInstallation } from "../store/installations.js";
import type { Delivery } from "./delivery.js";

/** The installation a payload names, or null (logged) when it cannot be read: redelivering it would not help. */
const installationOf = (delivery: Delivery) => {
  const installation = parseInstallation(delivery.payload);
  if (installation) return installation;
  delivery.log.warn("payload skipped: installation missing or malformed");
  return null;
};

/** `installation.deleted`: the installation's ledger and caches are removed. */
export const forgetInstallation = async (sql: Sql, delivery: Delivery): Promise<void> => {
  const installation = installationOf(delivery);
  if (!installation) return;
  await deleteInstallation(sql, installation.id);
  delivery.log.info({ installation: installation.id }, "installation deleted, its data removed");
};

/**
 * `installation.created`: remember who installed it. People who opted out while the account had
 * the app installed before stay out: their ids are kept by account.
 */
export const rememberInstallation = async (sql: Sql, delivery: Delivery): Promise<void> => {
  const installation = installationOf(delivery);
  if (installation) await saveInstallation(sql, installation);
};
