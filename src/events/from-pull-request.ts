import { z } from "zod";
import type { Activity } from "../vocabulary/activity.js";
import { commentSchema, envelopeSchema, labelSchema, pullRequestSchema, userSchema } from "./payload.js";
import { toActor, toIso, toPullRequest, toRepo } from "./refs.js";

const pullRequestEvent = envelopeSchema.extend({
  action: z.string(),
  pull_request: pullRequestSchema,
  label: labelSchema.optional(),
  after: z.string().optional(),
});

/** `pull_request`: merges, pushes to someone's branch, and triage of someone else's PR. */
export const fromPullRequest = (payload: unknown): Activity[] => {
  const event = pullRequestEvent.parse(payload);
  const pr = toPullRequest(event.pull_request);
  const base = {
    installationId: event.installation.id,
    repo: toRepo(event.repository),
    actor: toActor(event.sender),
    at: toIso(event.pull_request.updated_at),
  };
  const triage = (action: Extract<Activity, { type: "triage" }>["action"], at = base.at): Activity[] => [
    { ...base, at, type: "triage", action, item: pr, ...(event.label ? { label: event.label.name } : {}) },
  ];
  switch (event.action) {
    case "closed": {
      const mergedAt = event.pull_request.merged_at;
      if (mergedAt) return [{ ...base, type: "pr_merged", actor: pr.author, at: toIso(mergedAt), pr }];
      return triage("close", toIso(event.pull_request.closed_at ?? event.pull_request.updated_at));
    }
    case "synchronize":
      return [{ ...base, type: "pr_pushed", pr, sha: event.after ?? pr.headSha }];
    case "ready_for_review":
      return [{ ...base, type: "pr_ready", pr }];
    case "labeled":
      return event.label ? triage("label") : [];
    case "assigned":
      return triage("assign");
    case "reopened":
      return triage("reopen");
    case "locked":
      return triage("lock");
    default:
      return [];
  }
};

const reviewEvent = envelopeSchema.extend({
  action: z.string(),
  pull_request: pullRequestSchema,
  review: z.object({
    id: z.number().int(),
    user: userSchema,
    state: z.string(),
    body: z.string().nullish(),
    html_url: z.string(),
    submitted_at: z.string().nullish(),
    author_association: z.string().optional(),
  }),
});

/** `pull_request_review.submitted`: a review by its author. */
export const fromReview = (payload: unknown): Activity[] => {
  const event = reviewEvent.parse(payload);
  if (event.action !== "submitted") return [];
  const { review } = event;
  return [
    {
      type: "review",
      installationId: event.installation.id,
      repo: toRepo(event.repository),
      actor: toActor(review.user),
      at: toIso(review.submitted_at ?? event.pull_request.updated_at),
      pr: toPullRequest(event.pull_request),
      review: {
        id: review.id,
        state: review.state.toLowerCase(),
        body: review.body ?? "",
        url: review.html_url,
      },
      ...(review.author_association ? { actorAssociation: review.author_association } : {}),
    },
  ];
};

const reviewCommentEvent = envelopeSchema.extend({
  action: z.string(),
  pull_request: pullRequestSchema,
  comment: commentSchema,
});

/** `pull_request_review_comment.created`: an inline comment on a diff. */
export const fromReviewComment = (payload: unknown): Activity[] => {
  const event = reviewCommentEvent.parse(payload);
  if (event.action !== "created") return [];
  return [
    {
      type: "review_comment",
      installationId: event.installation.id,
      repo: toRepo(event.repository),
      actor: toActor(event.comment.user),
      at: toIso(event.comment.created_at),
      pr: toPullRequest(event.pull_request),
      comment: { id: event.comment.id, url: event.comment.html_url },
    },
  ];
};
