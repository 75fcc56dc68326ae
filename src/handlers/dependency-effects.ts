import type { DependencyChanges } from "../store/issue-dependencies.js";
import { type Activity, itemKey } from "../vocabulary/activity.js";

/**
 * What a delivery's activities change in the stored "blocked by" records: a dependency added or
 * removed, and an issue closed or reopened (as a blocked issue it no longer waits, or waits
 * again). Null when they change nothing.
 */
export const dependencyEffects = (activities: readonly Activity[]): DependencyChanges | null => {
  const changes: DependencyChanges = { added: [], removed: [], states: [] };
  for (const activity of activities) {
    if (activity.type === "dependency") {
      const { blocking, blocked } = activity;
      const key = {
        installationId: activity.installationId,
        repoId: blocking.repo.id,
        number: blocking.number,
      };
      const blockedKey = itemKey(activity.repo, blocked);
      if (activity.action === "removed") changes.removed.push({ blocking: key, blockedKey });
      else {
        changes.added.push({
          blocking: key,
          // A dependency recorded on an issue already closed leaves nothing waiting.
          blocked: {
            key: blockedKey,
            url: blocked.url,
            author: blocked.author,
            open: activity.blockedOpen ?? true,
          },
        });
      }
    } else if (activity.type === "triage" && activity.item.kind === "issue") {
      const open =
        activity.action === "reopen"
          ? true
          : activity.action === "close" || activity.action === "duplicate"
            ? false
            : null;
      if (open !== null) {
        changes.states.push({
          installationId: activity.installationId,
          key: itemKey(activity.repo, activity.item),
          open,
        });
      }
    }
  }
  const empty = changes.added.length + changes.removed.length + changes.states.length === 0;
  return empty ? null : changes;
};
