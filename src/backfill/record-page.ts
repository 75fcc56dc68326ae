import { classify } from "../classify/classify.js";
import { orderRules } from "../classify/order-rules.js";
import type { PathClassifier } from "../classify/path-kinds.js";
import type { Config } from "../config/schema.js";
import { saveBackfilledPullRequests } from "../store/backfill-pull-requests.js";
import type { Sql } from "../store/db.js";
import { firstPerKey, recordCredits } from "../store/record-credits.js";
import type { HistoryPage } from "./connections.js";
import type { HistoryScope } from "./map-refs.js";

const CREDITS_PER_WRITE = 1000;

/**
 * Classifies a page of history with the webhook path's rules and stores it the webhook path's
 * way (`recordCredits`): same source keys, so nothing already recorded counts twice. It queues
 * no GitHub writes: history gets no check runs or comments. Returns how many credits were new.
 */
export const recordHistoryPage = async (
  sql: Sql,
  scope: HistoryScope,
  rules: { config: Config; kindOf: PathClassifier },
  page: HistoryPage,
  delivery: { connection: string; cursor: string | null },
): Promise<{ credits: number; fresh: number }> => {
  const credits = firstPerKey(
    page.entries.flatMap((entry) =>
      classify({
        activity: entry.activity,
        config: rules.config,
        kindOf: rules.kindOf,
        files: entry.files,
        commitInMergedPr: entry.commitInMergedPr,
        blocked: entry.blocked,
      }),
    ),
  );
  await saveBackfilledPullRequests(sql, page.pullRequests);
  const order = orderRules(rules.config);
  const deliveryId = `backfill:${scope.repo.id}:${delivery.connection}:${delivery.cursor ?? "start"}`;
  let fresh = 0;
  // A busy page can earn thousands of credits; Postgres takes at most 65,535 parameters a statement.
  for (
    let start = 0, part = 0;
    start === 0 || start < credits.length;
    start += CREDITS_PER_WRITE, part += 1
  ) {
    fresh += await recordCredits(
      sql,
      {
        installationId: scope.installationId,
        deliveryId: part === 0 ? deliveryId : `${deliveryId}:${part}`,
        event: `backfill.${delivery.connection}`,
      },
      credits.slice(start, start + CREDITS_PER_WRITE),
      order,
      part === 0
        ? { pullRequests: page.states, ...(page.dependencies ? { dependencies: page.dependencies } : {}) }
        : {},
    );
  }
  return { credits: credits.length, fresh };
};
