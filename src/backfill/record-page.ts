import { createHash } from "node:crypto";
import { saveBackfilledPullRequests } from "../store/backfill-pull-requests.js";
import type { Sql } from "../store/db.js";
import { historyDeliveryId, type InboxEntry } from "../store/inbox.js";
import { recordDeliveries } from "../store/record-credits.js";
import type { Activity } from "../vocabulary/activity.js";
import type { HistoryPage } from "./connections.js";
import type { HistoryEntry, HistoryScope } from "./map-refs.js";

/**
 * An activity's inbox key: the same activity read again (a page read once more after a crash, or
 * by a second import) gets the same key, so it is classified once. What an item shows that
 * changes over time (labels, title) is left out.
 */
export const historyKey = (repoId: number, activity: Activity): string => {
  const stable = JSON.stringify(activity, (key, value) =>
    key === "labels" || key === "title" ? undefined : value,
  );
  return `history:${repoId}:${createHash("sha256").update(stable).digest("base64url").slice(0, 27)}`;
};

/**
 * The activity with what history already says about it: whether GitHub has a merged PR carrying
 * a commit, and which open issues a closed issue was blocking when it was closed.
 */
const withHistoryFacts = (entry: HistoryEntry): Activity => {
  const { activity } = entry;
  if (activity.type === "push_commit" && entry.commitInMergedPr !== undefined)
    return { ...activity, inMergedPullRequest: entry.commitInMergedPr };
  if (activity.type === "triage" && entry.blocked !== undefined)
    return { ...activity, blockedAtClose: entry.blocked };
  return activity;
};

/**
 * Records a page of history the way a webhook delivery is recorded: its activities go to the
 * inbox and the classify stage turns them into credits with the same rules and source keys, so
 * nothing already recorded counts twice and a changed config recomputes history too. The PRs'
 * file lists and ready times are kept first, so classifying asks GitHub nothing history told.
 * History queues no GitHub writes: it gets no check runs or comments. Returns how many activities.
 */
export const recordHistoryPage = async (
  sql: Sql,
  scope: HistoryScope,
  page: HistoryPage,
  delivery: { connection: string; cursor: string | null },
): Promise<{ activities: number }> => {
  await saveBackfilledPullRequests(sql, page.pullRequests);
  const deliveryId = historyDeliveryId(scope.repo.id, delivery.connection, delivery.cursor);
  const inbox: InboxEntry[] = page.entries.map((entry) => {
    const activity = withHistoryFacts(entry);
    return {
      installationId: scope.installationId,
      key: historyKey(scope.repo.id, activity),
      deliveryId,
      activity,
    };
  });
  await recordDeliveries(sql, [
    {
      delivery: {
        installationId: scope.installationId,
        deliveryId,
        event: `backfill.${delivery.connection}`,
      },
      inbox,
      credits: [],
      effects: {
        pullRequests: page.states,
        ...(page.dependencies ? { dependencies: page.dependencies } : {}),
      },
    },
  ]);
  return { activities: inbox.length };
};
