import type { ItemRef, TriageAction } from "../vocabulary/activity.js";
import type { IssueNode, TimelineEvent } from "./history-schemas.js";
import { blockedByAt, planningActivity } from "./map-issue-planning.js";
import {
  baseOf,
  type HistoryEntry,
  type HistoryScope,
  toHistoryActor,
  toItem,
  withinWindow,
} from "./map-refs.js";

/** A repository's milestones by title: GraphQL's MilestonedEvent names the title, keys need the REST id. */
export type MilestoneIndex = ReadonlyMap<string, { id: number; url: string }>;

const ISSUE_TRIAGE: Record<string, TriageAction> = {
  LabeledEvent: "label",
  AssignedEvent: "assign",
  ClosedEvent: "close",
  ReopenedEvent: "reopen",
  LockedEvent: "lock",
  TransferredEvent: "transfer",
  MarkedAsDuplicateEvent: "duplicate",
  IssueTypeAddedEvent: "type",
  IssueTypeChangedEvent: "type",
};

/** Who marked the issue as a duplicate on which UTC day: their close that day was a duplicate close. */
const duplicateMarks = (node: IssueNode): Set<string> =>
  new Set(
    node.timelineItems.nodes
      .filter((event) => event.__typename === "MarkedAsDuplicateEvent" && isThisIssue(node, event))
      .map((event) => `${event.actor?.login}:${event.createdAt?.slice(0, 10)}`),
  );

/** The event shows on both issues' timelines; it is triage of the one marked as the duplicate. */
const isThisIssue = (node: IssueNode, event: TimelineEvent) =>
  !event.duplicate || event.duplicate.number === undefined || event.duplicate.number === node.number;

const eventEntries = (
  scope: HistoryScope,
  node: IssueNode,
  item: ItemRef,
  event: TimelineEvent,
  milestones: MilestoneIndex,
  marks: Set<string>,
): HistoryEntry[] => {
  const actor = toHistoryActor(event.actor ?? null);
  if (!actor || !event.createdAt) return [];
  const base = baseOf(scope, actor, event.createdAt);
  const planning = planningActivity(scope, item, event);
  if (planning) return [{ activity: planning }];
  if (event.__typename === "MilestonedEvent") {
    const milestone = milestones.get(event.milestoneTitle ?? "");
    return milestone ? [{ activity: { ...base, type: "milestoned", item, milestone } }] : [];
  }
  let action = ISSUE_TRIAGE[event.__typename];
  if (!action) return [];
  if (action === "label" && !event.label) return [];
  // Closing as a duplicate is `issues.closed` with state_reason "duplicate" in webhooks; history
  // shows it as the close's state reason, or as a close beside the same person's duplicate mark.
  const marked = marks.has(`${event.actor?.login}:${event.createdAt.slice(0, 10)}`);
  if (action === "close" && (event.stateReason === "DUPLICATE" || marked)) action = "duplicate";
  if (event.__typename === "MarkedAsDuplicateEvent" && !isThisIssue(node, event)) return [];
  // A duplicate mark is triage, not a close: only the close itself can unblock others.
  const closes = event.__typename === "ClosedEvent";
  return [
    {
      activity: {
        ...base,
        type: "triage",
        action,
        item,
        ...(action === "label" && event.label ? { label: event.label.name } : {}),
      },
      ...(closes ? { blocked: blockedByAt(node, event.createdAt) } : {}),
    },
  ];
};

/**
 * An issue's history as the Activities its webhooks would have produced: its opening (a
 * tracking issue when it is one), each comment, each triage event (setting its type among them),
 * each milestone added, each sub-issue added to it and each issue recorded as blocking it.
 * Edits of the body are not in history and are not credited.
 */
export const issueEntries = (
  scope: HistoryScope,
  node: IssueNode,
  milestones: MilestoneIndex,
): HistoryEntry[] => {
  const item = toItem("issue", node);
  const entries: HistoryEntry[] = [];
  const author = toHistoryActor(node.author);
  if (author) {
    entries.push({
      activity: {
        ...baseOf(scope, author, node.createdAt),
        type: "tracking_issue",
        item,
        body: node.body ?? "",
      },
    });
  }
  for (const comment of node.comments.nodes) {
    const commenter = toHistoryActor(comment.author);
    if (!commenter) continue;
    entries.push({
      activity: {
        ...baseOf(scope, commenter, comment.createdAt),
        type: "comment",
        item,
        actorAssociation: comment.authorAssociation,
        comment: { id: comment.fullDatabaseId, url: comment.url },
      },
    });
  }
  const marks = duplicateMarks(node);
  for (const event of node.timelineItems.nodes) {
    entries.push(...eventEntries(scope, node, item, event, milestones, marks));
  }
  return withinWindow(scope, entries);
};
