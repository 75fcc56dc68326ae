import type { Logger } from "pino";
import type { Octokit } from "../github/octokit.js";
import { readOnlyGraphql } from "../github/read-only-graphql.js";
import { type Clock, systemClock } from "./clock.js";
import {
  type BudgetPolicy,
  DEFAULT_BUDGET_POLICY,
  type RateLimit,
  waitBeforeNextQuery,
} from "./rate-budget.js";
import type { RequestGate } from "./request-gate.js";
import { retryDecision } from "./retry.js";

/** `octokit.graphql`, as `@octokit/graphql` defines it: a query and its variables in, `data` out. */
export type GraphqlFunction = (query: string, variables?: Record<string, unknown>) => Promise<unknown>;

/** `octokit.request` for the few REST reads history needs (commit files, milestones). */
export type RequestFunction = (
  route: string,
  parameters?: Record<string, unknown>,
) => Promise<{ data: unknown; headers: Record<string, string | number | undefined> }>;

/** The part of an installation octokit the importer uses. */
export type HistoryOctokit = { graphql: GraphqlFunction; request: RequestFunction };

/**
 * An installation client as the importer uses it: its queries read only, so they go past the
 * throttling plugin's lane for writes (one at a time, a second apart, shared with the outbox),
 * bounded instead by the importer's own gate and rate budget.
 */
export const historyOctokitOf = (octokit: Octokit): HistoryOctokit => ({
  graphql: readOnlyGraphql(octokit),
  request: octokit.request as unknown as RequestFunction,
});

/** Requests and rate-limit points spent, per label ("pull_requests", "rest:commit", …). */
export type QueryStats = Map<string, { requests: number; points: number }>;

export type HistoryClientOptions = {
  octokit: HistoryOctokit;
  log: Logger;
  clock?: Clock;
  policy?: BudgetPolicy;
  /** Tries per request, the first included. */
  maxAttempts?: number;
  /** Told about every rate-limit report, for progress output. */
  onRateLimit?: (rateLimit: RateLimit) => void;
  /** Shared with the importers of other repositories: bounds the requests under way together. */
  gate?: RequestGate;
};

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * GitHub answers a query that names something deleted since (a node of a follow-up) with the
 * rest of the data and a NOT_FOUND error, which `@octokit/graphql` throws; the data is kept.
 */
const dataDespiteNotFound = (error: unknown): unknown => {
  const failure = error as { errors?: { type?: string }[]; data?: unknown };
  const notFoundOnly =
    Array.isArray(failure.errors) &&
    failure.errors.length > 0 &&
    failure.errors.every((entry) => entry.type === "NOT_FOUND");
  if (notFoundOnly && failure.data && typeof failure.data === "object") return failure.data;
  throw error;
};

/**
 * GitHub history reads with manners: every GraphQL answer's `rateLimit` is remembered, and the
 * next query waits or slows down when the budget runs low; transient failures are retried with
 * backoff. Counts requests and points per label.
 */
export const createHistoryClient = (options: HistoryClientOptions) => {
  const { octokit, log, clock = systemClock, policy = DEFAULT_BUDGET_POLICY, maxAttempts = 6 } = options;
  const stats: QueryStats = new Map();
  let last: RateLimit | null = null;
  const through = <T>(request: () => Promise<T>): Promise<T> =>
    options.gate ? options.gate.run(request) : request();

  const count = (label: string, points: number) => {
    const entry = stats.get(label) ?? { requests: 0, points: 0 };
    entry.requests += 1;
    entry.points += points;
    stats.set(label, entry);
  };

  const withRetries = async <T>(label: string, run: (attempt: number) => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await run(attempt);
      } catch (error) {
        const decision = retryDecision(error, attempt, clock.now());
        if (!decision.retry || attempt >= maxAttempts) throw error;
        log.warn(
          { label, attempt, reason: decision.reason, waitMs: decision.waitMs, err: errorMessage(error) },
          "history request failed; retrying",
        );
        await clock.sleep(decision.waitMs);
      }
    }
  };

  const waitForBudget = async (label: string) => {
    const waitMs = waitBeforeNextQuery(last, clock.now(), policy);
    if (waitMs <= 0) return;
    if (waitMs > 5000) {
      log.info(
        { label, waitMs, remaining: last?.remaining, resetAt: last?.resetAt },
        "rate limit low; waiting",
      );
    }
    await clock.sleep(waitMs);
    if (last && clock.now() >= Date.parse(last.resetAt)) last = null;
  };

  return {
    /**
     * One GraphQL query that selects `rateLimit { cost remaining resetAt }`. `attempt` lets a
     * caller ask for less after a timeout (GitHub answers heavy queries with 502).
     */
    query: async <T>(
      label: string,
      document: string | ((attempt: number) => { document: string; variables: Record<string, unknown> }),
      variables: Record<string, unknown> = {},
    ): Promise<T> => {
      await waitForBudget(label);
      const data = await withRetries(label, (attempt) => {
        const request = typeof document === "string" ? { document, variables } : document(attempt);
        return through(() => octokit.graphql(request.document, request.variables)).catch(
          dataDespiteNotFound,
        ) as Promise<T>;
      });
      const rateLimit = (data as { rateLimit?: RateLimit | null }).rateLimit ?? null;
      count(label, rateLimit?.cost ?? 1);
      if (rateLimit) {
        last = rateLimit;
        options.onRateLimit?.(rateLimit);
      }
      return data;
    },
    /** One REST read (its points come from the REST budget, which history barely touches). */
    request: async <T>(label: string, route: string, parameters: Record<string, unknown>): Promise<T> => {
      const response = await withRetries(label, () => through(() => octokit.request(route, parameters)));
      count(label, 0);
      return response.data as T;
    },
    stats,
    lastRateLimit: () => last,
  };
};

export type HistoryClient = ReturnType<typeof createHistoryClient>;
