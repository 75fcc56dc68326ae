import type { Octokit } from "./octokit.js";

type Graphql = Octokit["graphql"];
type RequestHook = (request: unknown, options: unknown) => Promise<unknown>;

/** A document with a mutation is a write: it must take the throttled path. */
const MUTATION = /^\s*mutation\b/i;

/**
 * The client's `graphql`, for queries that only read, sent past @octokit/plugin-throttling's
 * write lane. The plugin sends every GraphQL request through the lane it keeps for requests
 * that create content (one at a time and a second apart per installation, shared with the
 * outbox's writes), so a burst of deliveries would wait a second per query behind check-run
 * writes. GitHub asks for that spacing only of writes and counts a query without a mutation
 * as one point, like a GET. The query keeps the client's authentication (the installation
 * token, renewed when it expires) and its request timeout; the caller bounds how many are in
 * flight.
 */
export const readOnlyGraphql = (octokit: Octokit): Graphql => {
  const hook = (octokit.auth as unknown as { hook?: RequestHook }).hook;
  if (!hook) return octokit.graphql;
  const reading = octokit.graphql.defaults({ request: { hook } });
  return Object.assign(
    ((query: string, parameters?: Record<string, unknown>) => {
      if (MUTATION.test(query)) throw new Error("readOnlyGraphql takes queries only, not mutations");
      return reading(query, parameters);
    }) as Graphql,
    { defaults: reading.defaults, endpoint: reading.endpoint },
  );
};
