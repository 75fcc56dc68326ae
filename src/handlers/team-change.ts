import { ZodError } from "zod";
import { parseTeamChange } from "../events/team-change.js";
import type { Sql } from "../store/db.js";
import { applyTeamChange } from "../store/teams.js";
import type { Delivery } from "./delivery.js";

/**
 * `team`, `membership` and `organization` deliveries: the stored teams and who is in them are
 * kept current from the payload alone (no GitHub read on the webhook path); what a payload cannot
 * tell marks the installation's teams for the team sync to read. A payload without the fields it
 * reads is logged and skipped (redelivering it would not help).
 */
export const handleTeamChange = async (sql: Sql, delivery: Delivery): Promise<void> => {
  let change: ReturnType<typeof parseTeamChange>;
  try {
    change = parseTeamChange(delivery.name, delivery.payload);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    delivery.log.warn("team event skipped: malformed payload");
    return;
  }
  if (!change) return;
  await applyTeamChange(sql, change, new Date());
  delivery.log.info({ installation: change.installationId, change: change.kind }, "teams updated");
};
