import { createHmac, randomUUID } from "node:crypto";

export type Delivery = { id: string; name: string; payload: unknown };

export type DeliveryAnswer = { status: number; body: string };

/** `sha256=<hex hmac>` of the raw body, as GitHub signs a delivery. */
export const sign = (secret: string, body: string): string =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

/**
 * POSTs one delivery to the server's webhook path exactly as GitHub sends it: the raw JSON
 * body, `x-hub-signature-256`, `x-github-event`, `x-github-delivery` and a JSON content type.
 * `signature: null` leaves the signature header out; a string replaces it.
 */
export const deliver = async (
  serverUrl: string,
  secret: string,
  delivery: Delivery,
  options: { signature?: string | null; rawBody?: string } = {},
): Promise<DeliveryAnswer> => {
  const body = options.rawBody ?? JSON.stringify(delivery.payload);
  const signature = options.signature === undefined ? sign(secret, body) : options.signature;
  const response = await fetch(`${serverUrl}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/e2e",
      "x-github-event": delivery.name,
      "x-github-delivery": delivery.id,
      "x-github-hook-id": "1",
      ...(signature === null ? {} : { "x-hub-signature-256": signature }),
    },
    body,
  });
  return { status: response.status, body: await response.text() };
};

/** Sends deliveries with at most `concurrency` in flight (GitHub does not wait for one before the next). */
export const deliverAll = async (
  serverUrl: string,
  secret: string,
  deliveries: readonly Delivery[],
  concurrency = 3,
): Promise<DeliveryAnswer[]> => {
  const answers: DeliveryAnswer[] = new Array(deliveries.length);
  let next = 0;
  const lane = async () => {
    while (next < deliveries.length) {
      const index = next++;
      answers[index] = await deliver(serverUrl, secret, deliveries[index] as Delivery);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, deliveries.length) }, lane));
  return answers;
};

export const deliveryId = (): string => randomUUID();

/** A small seeded generator (mulberry32), so a failing order can be replayed. */
export const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

export const shuffled = <T>(items: readonly T[], seed: number): T[] => {
  const next = seeded(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
};
