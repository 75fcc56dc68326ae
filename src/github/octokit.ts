import { ProbotOctokit } from "probot";

/** Octokit's own list, plus 429: GitHub's `retry-after` decides when, not a fixed schedule. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

/** The longest any one GitHub request may take, answer body included. */
export const REQUEST_TIMEOUT_MS = 10_000;

type RequestOptions = { method?: string; url?: string; request?: Record<string, unknown> };

/**
 * A create (POST) whose answer was lost may have happened: sending it again could make a second
 * check run, comment or issue. So only GraphQL (Gluework's queries only read) may repeat a POST;
 * the caller looks for what it created before it tries again.
 */
export const repeatable = ({ method, url }: RequestOptions): boolean =>
  method !== "POST" || /\/graphql$/.test(url ?? "");

type Fetch = typeof globalThis.fetch;

/** `fetch` that gives up after `ms`, as well as when the caller's own signal aborts. */
export const fetchWithTimeout =
  (ms: number, base: Fetch = globalThis.fetch): Fetch =>
  (input, init = {}) => {
    // A timer that holds its controller, not AbortSignal.timeout/any: on Node 20 those signals
    // are held weakly and can be collected before they fire, leaving a hung request hung for
    // good (seen: an installation whose write never timed out never wrote again). The timer
    // also covers reading the body; aborting a finished request does nothing, and it does not
    // keep the process alive.
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException(`no answer within ${ms} ms`, "TimeoutError")),
      ms,
    );
    timer.unref();
    const caller = init.signal;
    if (caller?.aborted) controller.abort(caller.reason);
    else caller?.addEventListener("abort", () => controller.abort(caller.reason), { once: true });
    return base(input, { ...init, signal: controller.signal });
  };

/** Turns Octokit's in-process retries off for requests that must not repeat. */
const noRepeatedCreates = (octokit: {
  hook: { before: (name: "request", hook: (options: RequestOptions) => void) => void };
}) => {
  octokit.hook.before("request", (options) => {
    if (!repeatable(options)) options.request = { ...options.request, retries: 0 };
  });
};

/**
 * Probot's Octokit, made for a server that must stay responsive to every installation:
 *
 * - in-process retries are kept short (one), and never repeat a create;
 * - every request gives up after REQUEST_TIMEOUT_MS, so a hung GitHub never holds a worker;
 * - a rate limit is not waited out inside the request (Probot's default sleeps until the reset):
 *   the request fails, and the outbox reschedules the installation's writes to the reset.
 */
export const GlueworkOctokit = ProbotOctokit.plugin(noRepeatedCreates as never).defaults(
  (options: Record<string, unknown>) => {
    const request = (options.request ?? {}) as { fetch?: Fetch };
    return {
      ...options,
      retry: { retries: 1, doNotRetry: DO_NOT_RETRY },
      request: { ...request, fetch: fetchWithTimeout(REQUEST_TIMEOUT_MS, request.fetch) },
      throttle: {
        ...(options.throttle as Record<string, unknown> | undefined),
        onRateLimit: () => false,
        onSecondaryRateLimit: () => false,
      },
    };
  },
);

/** An installation (or app) client as Probot hands it out. */
export type Octokit = InstanceType<typeof ProbotOctokit>;
