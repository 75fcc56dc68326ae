import { z } from "zod";
import type { Activity } from "../events/activity.js";
import type { OutboxJob } from "../store/outbox.js";

/**
 * An activity whose credits depend on a GitHub read (a PR's files, the PRs of a pushed commit),
 * classified off the webhook path. Its job key is the delivery's id and the activity's place in
 * it, so a redelivery queues it once.
 */
export const classifyLaterJobs = (deliveryId: string, activities: readonly Activity[]): OutboxJob[] =>
  activities.map((activity, index) => ({
    installationId: activity.installationId,
    key: `classify:${deliveryId}:${index}`,
    kind: "classify",
    payload: { deliveryId, activity },
  }));

/** The parts of a queued activity the classifier worker relies on; the rest is what normalize wrote. */
export const classifyJobSchema = z.object({
  deliveryId: z.string(),
  activity: z.looseObject({
    type: z.string(),
    installationId: z.number(),
    repo: z.looseObject({ id: z.number(), fullName: z.string(), owner: z.string(), name: z.string() }),
    actor: z.looseObject({ login: z.string() }),
    at: z.string(),
  }),
});

export const parseClassifyJob = (payload: unknown): { deliveryId: string; activity: Activity } => {
  const job = classifyJobSchema.parse(payload);
  return { deliveryId: job.deliveryId, activity: job.activity as unknown as Activity };
};
