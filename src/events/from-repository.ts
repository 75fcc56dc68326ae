import { z } from "zod";
import type { Activity } from "../vocabulary/activity.js";
import {
  commentSchema,
  commitSchema,
  discussionSchema,
  envelopeSchema,
  milestoneSchema,
  releaseSchema,
} from "./payload.js";
import { isBotLogin, toActor, toCommentActivity, toDiscussionItem, toIso, toRepo } from "./refs.js";

const pushEvent = envelopeSchema.extend({
  ref: z.string(),
  deleted: z.boolean().optional(),
  commits: z.array(commitSchema).default([]),
});

/**
 * `push` to the default branch: one activity per distinct commit, credited to the commit's
 * author when GitHub knows their login, else to whoever pushed.
 */
export const fromPush = (payload: unknown): Activity[] => {
  const event = pushEvent.parse(payload);
  const repo = toRepo(event.repository);
  if (event.deleted || event.ref !== `refs/heads/${repo.defaultBranch}`) return [];
  const pusher = toActor(event.sender);
  return event.commits
    .filter((commit) => commit.distinct !== false)
    .map((commit) => {
      const username = commit.author.username;
      const actor =
        username && username.toLowerCase() !== pusher.login.toLowerCase()
          ? { login: username, id: null, bot: isBotLogin(username) }
          : pusher;
      return {
        type: "push_commit" as const,
        installationId: event.installation.id,
        repo,
        actor,
        at: toIso(commit.timestamp),
        commit: {
          sha: commit.id,
          message: commit.message,
          url: commit.url,
          files: [...commit.added, ...commit.modified, ...commit.removed],
        },
      };
    });
};

const milestoneEvent = envelopeSchema.extend({ action: z.string(), milestone: milestoneSchema });
const MILESTONE_ACTIONS = new Set(["created", "edited", "closed", "opened"]);

/** `milestone` created, edited, closed or reopened: planning by whoever did it. */
export const fromMilestone = (payload: unknown): Activity[] => {
  const event = milestoneEvent.parse(payload);
  if (!MILESTONE_ACTIONS.has(event.action)) return [];
  const { milestone } = event;
  const at =
    event.action === "created"
      ? milestone.created_at
      : event.action === "closed"
        ? (milestone.closed_at ?? milestone.updated_at)
        : milestone.updated_at;
  return [
    {
      type: "milestone",
      installationId: event.installation.id,
      repo: toRepo(event.repository),
      actor: toActor(event.sender),
      at: toIso(at),
      action: event.action,
      milestone: { id: milestone.id, url: milestone.html_url },
    },
  ];
};

const releaseEvent = envelopeSchema.extend({ action: z.string(), release: releaseSchema });

/** `release.published`: whoever published it (the sender, not who drafted it), once per release. */
export const fromRelease = (payload: unknown): Activity[] => {
  const event = releaseEvent.parse(payload);
  if (event.action !== "published" || event.release.draft) return [];
  const { release } = event;
  return [
    {
      type: "release",
      installationId: event.installation.id,
      repo: toRepo(event.repository),
      actor: toActor(event.sender),
      // A published release without timestamps is malformed (toIso throws, the event is skipped).
      at: toIso(release.published_at ?? release.created_at ?? ""),
      release: {
        id: release.id,
        tag: release.tag_name,
        url: release.html_url,
        ...(release.name ? { name: release.name } : {}),
      },
    },
  ];
};

const discussionEvent = envelopeSchema.extend({
  action: z.string(),
  discussion: discussionSchema.extend({ answer_chosen_at: z.string().nullish() }),
  answer: commentSchema.optional(),
});

/** `discussion.answered`: the author of the accepted answer. */
export const fromDiscussion = (payload: unknown): Activity[] => {
  const event = discussionEvent.parse(payload);
  if (event.action !== "answered" || !event.answer) return [];
  const { answer, discussion } = event;
  return [
    {
      type: "answer_accepted",
      installationId: event.installation.id,
      repo: toRepo(event.repository),
      actor: toActor(answer.user),
      at: toIso(discussion.answer_chosen_at ?? discussion.updated_at),
      item: toDiscussionItem(discussion),
      answer: { id: answer.id, url: answer.html_url },
    },
  ];
};

const discussionCommentEvent = envelopeSchema.extend({
  action: z.string(),
  discussion: discussionSchema,
  comment: commentSchema,
});

/** `discussion_comment.created`: a reply in a discussion. */
export const fromDiscussionComment = (payload: unknown): Activity[] => {
  const event = discussionCommentEvent.parse(payload);
  return event.action === "created" ? [toCommentActivity(event, toDiscussionItem(event.discussion))] : [];
};
