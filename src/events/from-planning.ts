import { z } from "zod";
import type { Activity } from "../vocabulary/activity.js";
import { envelopeSchema, issueSchema, repositorySchema } from "./payload.js";
import { toActor, toIso, toIssueItem, toRepo } from "./refs.js";

/** The later of two timestamps: these events carry none of their own, the issues they touch were just updated. */
const later = (a: string, b: string) => toIso(Math.max(Date.parse(a), Date.parse(b)));

const subIssuesEvent = envelopeSchema.extend({
  action: z.string(),
  parent_issue: issueSchema,
  sub_issue: issueSchema,
  /** Given when the event is delivered to the sub-issue's repository. */
  parent_issue_repo: repositorySchema.optional(),
});

/**
 * `sub_issues.sub_issue_added` (to the parent's repository) and `.parent_issue_added` (to the
 * sub-issue's): one structuring act, credited on the parent, however many of the two arrive.
 */
export const fromSubIssues = (payload: unknown): Activity[] => {
  const event = subIssuesEvent.parse(payload);
  const toParentsRepo = event.action === "parent_issue_added";
  if (event.action !== "sub_issue_added" && !toParentsRepo) return [];
  const repo = toRepo(toParentsRepo && event.parent_issue_repo ? event.parent_issue_repo : event.repository);
  return [
    {
      type: "sub_issue",
      installationId: event.installation.id,
      repo,
      actor: toActor(event.sender),
      at: later(event.parent_issue.updated_at, event.sub_issue.updated_at),
      parent: toIssueItem(event.parent_issue),
      child: toIssueItem(event.sub_issue),
    },
  ];
};

const dependenciesEvent = envelopeSchema.extend({
  action: z.string(),
  blocked_issue: issueSchema,
  blocking_issue: issueSchema,
  /** Given when the event is delivered to the blocked issue's repository. */
  blocking_issue_repo: repositorySchema.optional(),
  /** Given when the event is delivered to the blocking issue's repository. */
  blocked_issue_repo: repositorySchema.optional(),
});

const DEPENDENCY_ACTIONS: Record<string, "added" | "removed"> = {
  blocked_by_added: "added",
  blocking_added: "added",
  blocked_by_removed: "removed",
  blocking_removed: "removed",
};

/**
 * `issue_dependencies`: one issue recorded as blocked by another (`blocked_by_*` to the blocked
 * issue's repository, `blocking_*` to the blocking one's). Credited on the blocked issue; the
 * record itself is kept so that closing the blocking issue can be credited as unblocking.
 */
export const fromIssueDependencies = (payload: unknown): Activity[] => {
  const event = dependenciesEvent.parse(payload);
  const action = DEPENDENCY_ACTIONS[event.action];
  if (!action) return [];
  const here = toRepo(event.repository);
  const toBlocked = event.action.startsWith("blocked_by");
  const blockedRepo = toBlocked ? here : toRepo(event.blocked_issue_repo ?? event.repository);
  const blockingRepo = toBlocked ? toRepo(event.blocking_issue_repo ?? event.repository) : here;
  return [
    {
      type: "dependency",
      installationId: event.installation.id,
      repo: blockedRepo,
      actor: toActor(event.sender),
      at: later(event.blocked_issue.updated_at, event.blocking_issue.updated_at),
      action,
      blocked: toIssueItem(event.blocked_issue),
      ...(event.blocked_issue.state ? { blockedOpen: event.blocked_issue.state !== "closed" } : {}),
      blocking: { ...toIssueItem(event.blocking_issue), repo: blockingRepo },
    },
  ];
};
