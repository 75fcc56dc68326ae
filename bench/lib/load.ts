/**
 * The load generator: autocannon, driven from Node, POSTing signed deliveries — each request its
 * own body and headers, signed ahead of time so the generator spends no time on HMACs.
 */
import autocannon from "autocannon";
import { type Delivery, sign } from "../../test/e2e/helpers/deliver.js";

export type SignedDelivery = { id: string; name: string; body: string; signature: string };

export const signAll = (secret: string, deliveries: readonly Delivery[]): SignedDelivery[] =>
  deliveries.map((delivery) => {
    const body = JSON.stringify(delivery.payload);
    return { id: delivery.id, name: delivery.name, body, signature: sign(secret, body) };
  });

export type LoadResult = {
  sent: number;
  seconds: number;
  /** Answered deliveries per second. */
  rate: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
};

/**
 * Sends the deliveries in order over `connections` keep-alive connections, as fast as the server
 * answers or at `rate` deliveries per second overall: each once, or for `seconds` (starting over
 * from the first when they run out; `cycled` says so). `sentAt`, when given, gets each delivery
 * id's first send time (epoch ms, taken as autocannon builds the request, just before writing it).
 */
export const fire = async (
  serverUrl: string,
  deliveries: readonly SignedDelivery[],
  options: { connections: number; rate?: number; seconds?: number; sentAt?: Map<string, number> },
): Promise<LoadResult & { cycled: boolean }> => {
  let next = 0;
  const result = await autocannon({
    url: `${serverUrl}/api/github/webhooks`,
    connections: options.connections,
    ...(options.seconds ? { duration: options.seconds } : { amount: deliveries.length }),
    timeout: 30,
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [
      {
        method: "POST",
        setupRequest: (request) => {
          const delivery = deliveries[next % deliveries.length] as SignedDelivery;
          next += 1;
          if (options.sentAt && !options.sentAt.has(delivery.id)) options.sentAt.set(delivery.id, Date.now());
          return {
            ...request,
            method: "POST",
            path: "/api/github/webhooks",
            body: delivery.body,
            headers: {
              "content-type": "application/json",
              "user-agent": "GitHub-Hookshot/bench",
              "x-github-event": delivery.name,
              "x-github-delivery": delivery.id,
              "x-github-hook-id": "1",
              "x-hub-signature-256": delivery.signature,
            },
          };
        },
      },
    ],
  });
  const seconds = (new Date(result.finish).getTime() - new Date(result.start).getTime()) / 1000;
  const answered = result.requests.total;
  return {
    sent: answered,
    seconds,
    rate: answered / seconds,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    cycled: next > deliveries.length,
  };
};
