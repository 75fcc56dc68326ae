import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { deliveryProblem } from "../events/delivery-problem.js";
import type { WebhookEvent } from "../handlers/delivery.js";
import { type BodyBudget, readBody } from "./read-body.js";

/** GitHub caps a webhook payload at 25 MB: a larger body is not from GitHub. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

export type WebhookGuardOptions = {
  secret: string;
  log: Pick<Logger, "warn">;
  /** The largest body read (default GitHub's cap). */
  maxBytes?: number;
  /** Bytes of bodies held at once across all requests (default four full-size bodies). */
  maxBufferedBytes?: number;
};

const header = (request: IncomingMessage, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** How long the rest of a refused body is read and dropped, so the client sees the answer. */
const LINGER_MS = 1_000;

/**
 * After answering a refused body: nothing more is kept, the rest is read and dropped for a
 * moment (closing at once would reset the connection before a client still sending reads the
 * answer), then the connection is closed, whatever is left unsent.
 */
const lingerThenClose = (request: IncomingMessage, response: ServerResponse): void => {
  response.once("finish", () => {
    const timer = setTimeout(() => request.destroy(), LINGER_MS);
    request.once("close", () => clearTimeout(timer));
    request.resume();
  });
};

/** Whether `header` is `sha256=<hex>` of `digest`, compared in constant time. */
const signatureMatches = (header: string, digest: Buffer): boolean => {
  const expected = Buffer.from(`sha256=${digest.toString("hex")}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
};

export const answer = (response: ServerResponse, status: number, body: object): void => {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
};

/** The media types a delivery may come as: GitHub sends apps' webhooks as JSON. */
const JSON_TYPE = /^\s*application\/json\s*(?:;|$)/u;

/**
 * Takes a webhook delivery off the wire: reads the body within GitHub's cap (and within what all
 * requests may hold at once), checks the signature over the raw bytes, parses it, and checks that
 * the payload is one Gluework can take. A refused request is answered here, with one warning
 * carrying its delivery id, event and size, never its body.
 *
 * Returns the verified delivery, or null when it answered the request itself.
 */
export const createWebhookGuard = ({
  secret,
  log,
  maxBytes = MAX_WEBHOOK_BYTES,
  maxBufferedBytes = 4 * MAX_WEBHOOK_BYTES,
}: WebhookGuardOptions) => {
  const budget: BodyBudget = { limit: maxBufferedBytes, used: 0 };

  return async (request: IncomingMessage, response: ServerResponse): Promise<WebhookEvent | null> => {
    const delivery = header(request, "x-github-delivery");
    const event = header(request, "x-github-event");
    const signature = header(request, "x-hub-signature-256");
    if (!delivery || !event || !signature) {
      const given = {
        "x-github-event": event,
        "x-hub-signature-256": signature,
        "x-github-delivery": delivery,
      };
      const missing = Object.entries(given).flatMap(([name, value]) => (value ? [] : [name]));
      answer(response, 400, { error: `Required headers missing: ${missing.join(", ")}` });
      return null;
    }
    if (!JSON_TYPE.test(header(request, "content-type") ?? "")) {
      answer(response, 415, { error: 'Unsupported "Content-Type" header value. Must be "application/json"' });
      return null;
    }
    // GitHub signs the raw bytes: hashing them as they arrive lets a forged body be dropped
    // without ever being joined or decoded.
    const hmac = createHmac("sha256", secret);
    const read = await readBody(request, maxBytes, budget, (chunk) => hmac.update(chunk));
    if (!read.ok) {
      log.warn(
        { delivery, event, bytes: header(request, "content-length") ?? "unknown" },
        `webhook refused (${read.status}): ${read.reason}`,
      );
      lingerThenClose(request, response);
      answer(response, read.status, { error: read.reason });
      return null;
    }
    const bytes = read.size;
    if (!signatureMatches(signature, hmac.digest())) {
      read.release();
      log.warn(
        { delivery, event, bytes },
        "webhook refused: the signature does not match WEBHOOK_SECRET (check the secret in the app's settings)",
      );
      answer(response, 401, { error: "signature does not match" });
      return null;
    }
    response.once("close", read.release);
    const text = new TextDecoder().decode(Buffer.concat(read.chunks, read.size));
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      log.warn({ delivery, event, bytes }, "webhook refused: the body is not JSON");
      answer(response, 400, { error: "Invalid JSON" });
      return null;
    }
    const problem = deliveryProblem(payload, text);
    if (problem) {
      log.warn({ delivery, event, bytes, reason: problem }, "delivery skipped: Gluework cannot store it");
      answer(response, 200, { skipped: problem });
      return null;
    }
    return { id: delivery, name: event, payload };
  };
};
