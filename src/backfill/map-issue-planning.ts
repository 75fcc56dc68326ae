import { toIso } from "../events/refs.js";
import type { DependencyChanges } from "../store/issue-dependencies.js";
import { type Activity, type ItemRef, itemKey, type RepoRef } from "../vocabulary/activity.js";
import type { IssueNode, LinkedIssue, TimelineEvent } from "./history-schemas.js";
import { baseOf, GHOST, type HistoryScope, toHistoryActor } from "./map-refs.js";

/** The repository of the other issue of an event, as webhooks name it. */
const linkedRepo = (issue: LinkedIssue): RepoRef => ({
  id: issue.repository.databaseId,
  owner: issue.repository.owner.login,
  name: issue.repository.name,
  fullName: `${issue.repository.owner.login}/${issue.repository.name}`,
  private: issue.repository.isPrivate,
  defaultBranch: issue.repository.defaultBranchRef?.name ?? "",
});

/** The other issue of an event (its labels are not read: no rule about it needs them). */
const linkedItem = (issue: LinkedIssue): ItemRef => ({
  kind: "issue",
  number: issue.number,
  url: issue.url,
  author: toHistoryActor(issue.author) ?? GHOST,
  authorAssociation: issue.authorAssociation,
  labels: [],
  createdAt: toIso(issue.createdAt),
});

/**
 * A planning event on `item` (the issue whose timeline it is) as the activity its webhook
 * would have made: a sub-issue added to it (`sub_issues`), it recorded as blocked by another
 * (`issue_dependencies.blocked_by_added`). Null for any other event.
 */
export const planningActivity = (
  scope: HistoryScope,
  item: ItemRef,
  event: TimelineEvent,
): Activity | null => {
  const actor = toHistoryActor(event.actor ?? null);
  if (!actor || !event.createdAt) return null;
  const base = baseOf(scope, actor, event.createdAt);
  if (event.__typename === "SubIssueAddedEvent" && event.subIssue) {
    return { ...base, type: "sub_issue", parent: item, child: linkedItem(event.subIssue) };
  }
  if (event.__typename === "BlockedByAddedEvent" && event.blockingIssue) {
    const blocking = event.blockingIssue;
    return {
      ...base,
      type: "dependency",
      action: "added",
      blocked: item,
      blocking: { ...linkedItem(blocking), repo: linkedRepo(blocking) },
    };
  }
  return null;
};

/**
 * Whether `issue` was open at `at`. History keeps an issue's last close only: one closed now,
 * last at or before `at`, was closed then; otherwise it is taken as open (a close and reopen
 * since cannot be seen — docs/rules.md says so).
 */
const openAt = (issue: LinkedIssue, at: number): boolean =>
  !(issue.state === "CLOSED" && issue.closedAt && Date.parse(issue.closedAt) <= at);

/** A recorded dependency's key: the blocked issue, as the webhook path keys its records. */
const blockedKey = (blocked: LinkedIssue) =>
  itemKey(linkedRepo(blocked), { kind: "issue", number: blocked.number });

/**
 * The issues recorded as blocked by `node` at `moment` (ms), by key, in key order: read from
 * `node`'s own timeline, where each dependency it blocks was added (and perhaps removed).
 */
const recordedAt = (node: IssueNode, moment: number): [string, LinkedIssue][] => {
  const recorded = new Map<string, LinkedIssue>();
  const events = node.timelineItems.nodes
    .filter((event) => event.createdAt && Date.parse(event.createdAt) <= moment && event.blockedIssue)
    .sort((a, b) => Date.parse(a.createdAt ?? "") - Date.parse(b.createdAt ?? ""));
  for (const event of events) {
    const blocked = event.blockedIssue as LinkedIssue;
    if (event.__typename === "BlockingAddedEvent") recorded.set(blockedKey(blocked), blocked);
    if (event.__typename === "BlockingRemovedEvent") recorded.delete(blockedKey(blocked));
  }
  return [...recorded.entries()].sort(([a], [b]) => a.localeCompare(b));
};

/**
 * The issues recorded as blocked by `node` at `at` and still open then, with their authors: what
 * the webhook path's dependency records hold when `node` is closed.
 */
export const blockedByAt = (node: IssueNode, at: string): Pick<ItemRef, "url" | "author">[] => {
  const moment = Date.parse(at);
  return recordedAt(node, moment)
    .map(([, blocked]) => blocked)
    .filter((blocked) => openAt(blocked, moment))
    .map((blocked) => ({ url: blocked.url, author: toHistoryActor(blocked.author) ?? GHOST }));
};

/**
 * The "blocked by" records of issues in `scope` as their timelines leave them: each issue an
 * issue blocks now (open or not, as it is now), and each it no longer blocks removed — the records
 * the webhook path keeps, so that closing a blocker later is credited as unblocking.
 */
export const dependencyRecords = (scope: HistoryScope, nodes: readonly IssueNode[]): DependencyChanges => {
  const changes: DependencyChanges = { added: [], removed: [], states: [] };
  for (const node of nodes) {
    const blocking = { installationId: scope.installationId, repoId: scope.repo.id, number: node.number };
    const now = new Map(recordedAt(node, Number.POSITIVE_INFINITY));
    for (const [key, blocked] of now) {
      const author = toHistoryActor(blocked.author) ?? GHOST;
      changes.added.push({
        blocking,
        blocked: { key, url: blocked.url, author, open: blocked.state !== "CLOSED" },
      });
    }
    const once = new Set(
      node.timelineItems.nodes.flatMap((e) => (e.blockedIssue ? [blockedKey(e.blockedIssue)] : [])),
    );
    for (const key of once) if (!now.has(key)) changes.removed.push({ blocking, blockedKey: key });
  }
  return changes;
};
