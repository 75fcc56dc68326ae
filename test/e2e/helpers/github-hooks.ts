import { json, notFound } from "../../../src/github-double/reply.js";
import { asApp, type Handler, type Route } from "../../../src/github-double/route-kit.js";
import { openApiQueryProblems, openApiResponseProblems } from "../../helpers/openapi.js";
import { type Delivery, type DeliveryAnswer, deliver } from "./deliver.js";

/**
 * The GitHub double's webhook side: it sends deliveries to the app as GitHub does, logs every
 * attempt with its outcome, and serves that log (`GET /app/hook/deliveries`) and redelivery on
 * request (`POST /app/hook/deliveries/{delivery_id}/attempts`) as GitHub's OpenAPI description says.
 */

/** One attempt as GitHub's delivery log lists it. */
export type HookAttempt = {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  duration: number;
  status: string;
  status_code: number;
  event: string;
  action: string | null;
  installation_id: number | null;
  repository_id: number | null;
  throttled_at: null;
};

export type HookLog = {
  /** Every attempt, oldest first. */
  attempts: HookAttempt[];
  /** Where deliveries go (the app's webhook URL) and the secret they are signed with. */
  target: { url: string; secret: string } | null;
  deliveries: Map<string, Delivery>;
  inFlight: Set<Promise<unknown>>;
  nextId: number;
};

export const createHookLog = (): HookLog => ({
  attempts: [],
  target: null,
  deliveries: new Map(),
  inFlight: new Set(),
  nextId: 90_000_000,
});

const field = (payload: unknown, path: string[]): unknown =>
  path.reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key] ?? null, payload);

/** Sends `delivery` to the app and logs the attempt: status code 0 when nothing answered. */
export const sendHook = async (
  hooks: HookLog,
  delivery: Delivery,
  redelivery = false,
): Promise<DeliveryAnswer> => {
  if (!hooks.target) throw new Error("the double has no webhook target");
  hooks.deliveries.set(delivery.id, delivery);
  const started = Date.now();
  let answer: DeliveryAnswer;
  try {
    answer = await deliver(hooks.target.url, hooks.target.secret, delivery);
  } catch {
    answer = { status: 0, body: "" };
  }
  hooks.nextId += 1;
  const ok = answer.status >= 200 && answer.status < 300;
  hooks.attempts.push({
    id: hooks.nextId,
    guid: delivery.id,
    delivered_at: new Date(started).toISOString(),
    redelivery,
    duration: (Date.now() - started) / 1000,
    status: ok
      ? "OK"
      : answer.status === 0
        ? "failed to connect to host"
        : `Invalid HTTP Response: ${answer.status}`,
    status_code: answer.status,
    event: delivery.name,
    action: (field(delivery.payload, ["action"]) as string | null) ?? null,
    installation_id: (field(delivery.payload, ["installation", "id"]) as number | null) ?? null,
    repository_id: (field(delivery.payload, ["repository", "id"]) as number | null) ?? null,
    throttled_at: null,
  });
  return answer;
};

const LIST = "GET /app/hook/deliveries";
const REDELIVER = "POST /app/hook/deliveries/{delivery_id}/attempts";

/** `GET /app/hook/deliveries`: newest first, `per_page` up to 100, a `cursor` in the `Link` header. */
const listHookDeliveries =
  (hooks: HookLog): Handler =>
  (input) => {
    const problems = openApiQueryProblems(LIST, input.url.searchParams);
    if (problems.length > 0)
      return { reason: problems.join("; "), reply: json(422, { message: "Validation Failed" }) };
    const perPage = Math.min(Number(input.url.searchParams.get("per_page") ?? 30), 100);
    const before = Number(
      /^v1_(\d+)$/.exec(input.url.searchParams.get("cursor") ?? "")?.[1] ?? Number.POSITIVE_INFINITY,
    );
    const status = input.url.searchParams.get("status");
    const matching = [...hooks.attempts]
      .reverse()
      .filter((attempt) => attempt.id < before)
      .filter((attempt) => status === null || (status === "success") === (attempt.status === "OK"));
    const page = matching.slice(0, perPage);
    const last = page.at(-1);
    const next = new URL(input.url);
    next.searchParams.set("per_page", String(perPage));
    next.searchParams.set("cursor", `v1_${last?.id ?? 0}`);
    const reply = json(200, page, matching.length > perPage ? { link: `<${next}>; rel="next"` } : undefined);
    const wrong = openApiResponseProblems(LIST, 200, page);
    return wrong.length > 0 ? { reason: `the double's answer: ${wrong.join("; ")}`, reply } : reply;
  };

/** `POST /app/hook/deliveries/{delivery_id}/attempts`: 202, then the delivery is sent again. */
const redeliverHook =
  (hooks: HookLog): Handler =>
  (_input, [id = ""]) => {
    const attempt = hooks.attempts.find((candidate) => candidate.id === Number(id));
    const delivery = attempt && hooks.deliveries.get(attempt.guid);
    if (!delivery) return notFound();
    const sending = new Promise((resolve) => setImmediate(resolve)).then(() =>
      sendHook(hooks, delivery, true),
    );
    hooks.inFlight.add(sending);
    void sending.finally(() => hooks.inFlight.delete(sending));
    const reply = json(202, {});
    const wrong = openApiResponseProblems(REDELIVER, 202, {});
    return wrong.length > 0 ? { reason: `the double's answer: ${wrong.join("; ")}`, reply } : reply;
  };

/** The GitHub double's routes for the app's delivery log and redelivery, over `hooks`. */
export const hookRoutes = (hooks: HookLog): Route[] => [
  {
    method: "GET",
    pattern: /^\/app\/hook\/deliveries$/,
    name: "hook-deliveries",
    handler: asApp("delivery log asked for", listHookDeliveries(hooks)),
  },
  {
    method: "POST",
    pattern: /^\/app\/hook\/deliveries\/(\d+)\/attempts$/,
    name: "hook-redeliver",
    handler: asApp("delivery log asked for", redeliverHook(hooks)),
  },
];
