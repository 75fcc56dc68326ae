import type { Logger } from "pino";
import { z } from "zod";
import { requestBackfill } from "../store/backfill-runs.js";
import type { Sql } from "../store/db.js";

const repositoryList = z.array(z.object({ id: z.number().int(), full_name: z.string() })).nullish();

const installationEvent = z.object({
  installation: z.object({ id: z.number().int() }),
  repositories: repositoryList,
  repositories_added: repositoryList,
});

/**
 * `installation.created` and `installation_repositories.added`: every repository named in the
 * payload gets a backfill of its configured `backfill.days`, queued in the store for the
 * background worker; the webhook answers at once.
 */
export const requestInstallationBackfill = async (
  sql: Sql,
  context: { payload: unknown; log: Pick<Logger, "info" | "warn"> },
): Promise<number> => {
  const parsed = installationEvent.safeParse(context.payload);
  if (!parsed.success) {
    // A payload that cannot be read never will be: skipped (2xx), not failed for redelivery.
    context.log.warn("history import skipped: installation payload missing or malformed");
    return 0;
  }
  const event = parsed.data;
  const repositories = [...(event.repositories ?? []), ...(event.repositories_added ?? [])];
  for (const repository of repositories) {
    await requestBackfill(sql, {
      installationId: event.installation.id,
      repoId: repository.id,
      repo: repository.full_name,
      since: null,
    });
  }
  context.log.info(
    { installation: event.installation.id, repositories: repositories.length },
    "history import queued",
  );
  return repositories.length;
};
