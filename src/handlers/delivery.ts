import type { Logger } from "pino";

/** A webhook delivery whose signature has been checked and whose body is parsed JSON. */
export type WebhookEvent = { id: string; name: string; payload: unknown };

/**
 * What a webhook handler gets: the delivery and a logger. No GitHub client: the webhook path
 * stores what arrived and answers; reading from and writing to GitHub is the workers' business.
 */
export type Delivery = WebhookEvent & { log: Logger };
