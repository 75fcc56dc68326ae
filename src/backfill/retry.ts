import { backoffMs } from "../backoff.js";

/** What went wrong with one request, as far as retrying is concerned. */
export type RetryDecision =
  | { retry: false }
  | { retry: true; waitMs: number; reason: "server" | "network" | "secondary-limit" | "rate-limit" };

type ErrorLike = {
  status?: number;
  code?: string;
  message?: string;
  name?: string;
  errors?: { type?: string; message?: string }[];
  response?: { headers?: Record<string, string | number | undefined> };
};

const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENOTFOUND",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** A failed request is sent again after 1 s, 2 s, 4 s … at most a minute, with up to a quarter of jitter. */
export const retryRequestInMs = (attempt: number, random: () => number = Math.random): number =>
  backoffMs(attempt, { capMs: 60_000, jitter: 0.25, random });

const header = (error: ErrorLike, name: string): number | null => {
  const value = Number(error.response?.headers?.[name]);
  return Number.isFinite(value) ? value : null;
};

/**
 * Transient failures are retried: GitHub's 5xx (including its GraphQL timeouts), network
 * errors, the secondary rate limit (after `retry-after`, else a minute) and an exhausted
 * primary limit (until `x-ratelimit-reset`). Anything else (bad query, 401, 404) is not.
 */
export const retryDecision = (error: unknown, attempt: number, now: number): RetryDecision => {
  const failure = (error ?? {}) as ErrorLike;
  const status = failure.status;
  const message = `${failure.message ?? ""}`.toLowerCase();
  const retryAfter = header(failure, "retry-after");
  if (
    failure.errors?.some((entry) => entry.type === "RATE_LIMITED") ||
    (status === 403 && header(failure, "x-ratelimit-remaining") === 0)
  ) {
    const reset = header(failure, "x-ratelimit-reset");
    const waitMs = reset ? Math.max(1000, reset * 1000 - now + 1000) : 60_000;
    return { retry: true, waitMs, reason: "rate-limit" };
  }
  if (
    (status === 403 || status === 429) &&
    (retryAfter !== null || message.includes("secondary rate limit"))
  ) {
    return { retry: true, waitMs: (retryAfter ?? 60) * 1000, reason: "secondary-limit" };
  }
  if (status !== undefined && status >= 500)
    return { retry: true, waitMs: retryRequestInMs(attempt), reason: "server" };
  if (failure.code && NETWORK_CODES.has(failure.code))
    return { retry: true, waitMs: retryRequestInMs(attempt), reason: "network" };
  if (status === undefined && (message.includes("fetch failed") || message.includes("socket hang up"))) {
    return { retry: true, waitMs: retryRequestInMs(attempt), reason: "network" };
  }
  return { retry: false };
};
