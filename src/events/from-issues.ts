import { z } from "zod";
import type { Activity, TriageAction } from "../vocabulary/activity.js";
import { parseCommand } from "./parse-command.js";
import {
  commentSchema,
  envelopeSchema,
  issueSchema,
  labelSchema,
  milestoneSchema,
  repositorySchema,
} from "./payload.js";
import { toActor, toCommentActivity, toIso, toIssueItem, toRepo } from "./refs.js";

const issuesEvent = envelopeSchema.extend({
  action: z.string(),
  issue: issueSchema,
  label: labelSchema.optional(),
  milestone: milestoneSchema.optional(),
  changes: z
    .object({ new_issue: issueSchema.optional(), new_repository: repositorySchema.optional() })
    .partial()
    .optional(),
});

const TRIAGE_ACTIONS: Record<string, TriageAction> = {
  labeled: "label",
  assigned: "assign",
  reopened: "reopen",
  locked: "lock",
  typed: "type",
};

/** `issues`: triage (setting an issue's type too), milestones and tracking issues. */
export const fromIssues = (payload: unknown): Activity[] => {
  const event = issuesEvent.parse(payload);
  const { issue } = event;
  const item = toIssueItem(issue);
  const base = {
    installationId: event.installation.id,
    repo: toRepo(event.repository),
    actor: toActor(event.sender),
    at: toIso(issue.updated_at),
  };
  switch (event.action) {
    case "opened": {
      const actor = toActor(event.sender, issue.performed_via_github_app);
      return [
        { ...base, actor, at: toIso(issue.created_at), type: "tracking_issue", item, body: issue.body ?? "" },
      ];
    }
    case "edited":
      return [{ ...base, type: "tracking_issue", item, body: issue.body ?? "" }];
    case "closed": {
      const action = issue.state_reason === "duplicate" ? "duplicate" : "close";
      return [{ ...base, at: toIso(issue.closed_at ?? issue.updated_at), type: "triage", action, item }];
    }
    case "milestoned": {
      const milestone = event.milestone;
      if (!milestone) return [];
      return [
        { ...base, type: "milestoned", item, milestone: { id: milestone.id, url: milestone.html_url } },
      ];
    }
    case "transferred": {
      // Credited on the issue where it now lives, as the history (backfill) shows it there.
      const moved = event.changes?.new_issue;
      const movedTo = event.changes?.new_repository;
      if (!moved || !movedTo) return [{ ...base, type: "triage", action: "transfer", item }];
      // Its author is the one the transfer was judged against: someone else's issue stays theirs.
      const there = { ...toIssueItem(moved), author: item.author, authorAssociation: item.authorAssociation };
      return [{ ...base, repo: toRepo(movedTo), type: "triage", action: "transfer", item: there }];
    }
    case "labeled":
      if (!event.label) return [];
      return [{ ...base, type: "triage", action: "label", item, label: event.label.name }];
    default: {
      const action = TRIAGE_ACTIONS[event.action];
      return action ? [{ ...base, type: "triage", action, item }] : [];
    }
  }
};

const issueCommentEvent = envelopeSchema.extend({
  action: z.string(),
  issue: issueSchema,
  comment: commentSchema,
});

/** `issue_comment.created`: a comment on an issue or on a PR's conversation. */
export const fromIssueComment = (payload: unknown): Activity[] => {
  const event = issueCommentEvent.parse(payload);
  // A `/gluework …` command is addressed to the app, not to the people on the item.
  if (event.action !== "created" || parseCommand(event.comment.body ?? "")) return [];
  return [toCommentActivity(event, toIssueItem(event.issue))];
};
