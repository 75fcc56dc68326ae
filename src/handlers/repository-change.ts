import { ZodError } from "zod";
import { parseRepositoryChange } from "../events/repository-change.js";
import type { Sql } from "../store/db.js";
import { applyRepositoryChange } from "../store/repositories.js";
import type { Delivery } from "./delivery.js";

/**
 * `repository` renamed, transferred, privatized, publicized, deleted, archived…: what is stored of
 * the repository takes its current name and visibility. A payload without the fields it reads is
 * logged and skipped (redelivering it would not help).
 */
export const handleRepositoryChange = async (sql: Sql, delivery: Delivery): Promise<void> => {
  let change: ReturnType<typeof parseRepositoryChange>;
  try {
    change = parseRepositoryChange(delivery.payload);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    delivery.log.warn("repository event skipped: malformed payload");
    return;
  }
  if (!change) return;
  await applyRepositoryChange(sql, change);
  delivery.log.info(
    { installation: change.installationId, repo: change.fullName, private: change.private },
    "repository name and visibility updated",
  );
};
