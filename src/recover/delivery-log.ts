import type { ProbotOctokit } from "probot";
import { z } from "zod";

type Octokit = InstanceType<typeof ProbotOctokit>;

/** How long GitHub keeps its log of webhook deliveries. */
export const RETENTION_MS = 3 * 86_400_000;

/** One attempt to hand a delivery over, as GitHub logs it (`GET /app/hook/deliveries`). */
const hookDeliverySchema = z.object({
  id: z.number(),
  guid: z.string(),
  delivered_at: z.string(),
  redelivery: z.boolean(),
  status: z.string(),
  status_code: z.number(),
  event: z.string(),
  action: z.string().nullish(),
  installation_id: z.number().nullish(),
  repository_id: z.number().nullish(),
});

export type HookDelivery = z.output<typeof hookDeliverySchema>;

/** A delivery none of whose attempts reached the app: the latest attempt is the one to ask again. */
export type FailedDelivery = { attemptId: number; guid: string; installationId: number; event: string };

/** GitHub counts an attempt as failed when it got no answer (status code 0) or not a 2xx/3xx one. */
export const attemptFailed = (attempt: HookDelivery): boolean =>
  attempt.status_code === 0 || attempt.status_code >= 400 || attempt.status !== "OK";

/**
 * The app's delivery log back to `since`, newest first: pages of 100 followed by their `Link`
 * cursor until a page reaches past `since`.
 */
export const readDeliveryLog = async (octokit: Octokit, since: number): Promise<HookDelivery[]> => {
  const attempts: HookDelivery[] = [];
  const pages = octokit.paginate.iterator("GET /app/hook/deliveries", { per_page: 100 });
  for await (const { data } of pages) {
    const page = z.array(hookDeliverySchema).parse(data);
    attempts.push(...page.filter((attempt) => Date.parse(attempt.delivered_at) >= since));
    const oldest = page.at(-1);
    if (!oldest || Date.parse(oldest.delivered_at) < since) break;
  }
  return attempts;
};

/** The deliveries (by guid) whose every logged attempt failed, each with its latest attempt. */
export const failedDeliveries = (attempts: readonly HookDelivery[]): FailedDelivery[] => {
  const byGuid = new Map<string, HookDelivery[]>();
  for (const attempt of attempts) byGuid.set(attempt.guid, [...(byGuid.get(attempt.guid) ?? []), attempt]);
  const failed: FailedDelivery[] = [];
  for (const [guid, tries] of byGuid) {
    if (!tries.every(attemptFailed)) continue;
    const latest = tries.reduce((a, b) => (b.id > a.id ? b : a));
    failed.push({
      attemptId: latest.id,
      guid,
      installationId: latest.installation_id ?? 0,
      event: latest.event,
    });
  }
  return failed;
};
