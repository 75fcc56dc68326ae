import { ZodError } from "zod";
import type { Activity } from "../vocabulary/activity.js";
import { fromIssueComment, fromIssues } from "./from-issues.js";
import { fromIssueDependencies, fromSubIssues } from "./from-planning.js";
import { fromPullRequest, fromReview, fromReviewComment } from "./from-pull-request.js";
import {
  fromDiscussion,
  fromDiscussionComment,
  fromMilestone,
  fromPush,
  fromRelease,
} from "./from-repository.js";

const NORMALISERS: Record<string, (payload: unknown) => Activity[]> = {
  pull_request: fromPullRequest,
  pull_request_review: fromReview,
  pull_request_review_comment: fromReviewComment,
  issues: fromIssues,
  issue_comment: fromIssueComment,
  push: fromPush,
  milestone: fromMilestone,
  release: fromRelease,
  discussion: fromDiscussion,
  discussion_comment: fromDiscussionComment,
  sub_issues: fromSubIssues,
  issue_dependencies: fromIssueDependencies,
};

/** The events Gluework subscribes to for credits (app.yml lists the same). */
export const INGESTED_EVENTS = Object.keys(NORMALISERS);

export type Normalised =
  | { ok: true; activities: Activity[] }
  | { ok: false; reason: "unsupported-event" | "malformed-payload"; detail: string };

/**
 * Turns one webhook delivery into Activities. Pure: an event it does not handle, or a payload
 * without the fields it reads, comes back as a reason to skip, never as a throw.
 */
export const normalize = (eventName: string, payload: unknown): Normalised => {
  const normaliser = NORMALISERS[eventName];
  if (!normaliser) return { ok: false, reason: "unsupported-event", detail: eventName };
  try {
    return { ok: true, activities: normaliser(payload) };
  } catch (error) {
    if (error instanceof ZodError || error instanceof RangeError) {
      const detail =
        error instanceof ZodError
          ? error.issues
              .slice(0, 5)
              .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
              .join("; ")
          : error.message;
      return { ok: false, reason: "malformed-payload", detail };
    }
    throw error;
  }
};
