import type { GraphqlDouble } from "../../helpers/history/graphql-double.js";
import { type Handler, json, type Reply, type RouteInput, repoName, withRepo } from "./github-route-kit.js";

/**
 * The GitHub double's history side: an installation given a synthetic history (the history
 * double of the backfill tests, which checks every query against GitHub's published schema) has
 * its GraphQL queries and the REST reads of backfill answered from it. A hold keeps GraphQL
 * answers back from a given request on until released, so a test can act while a backfill is
 * mid-run.
 */

/** Keeps back every history query after the first `after`, until `release()`. */
export type HistoryHold = {
  after: number;
  /** Resolves when a query arrives that is kept back. */
  reached: Promise<void>;
  release: () => void;
};

export type HistoryBackend = {
  double: GraphqlDouble;
  /** Queries answered or kept back so far. */
  queries: number;
  hold: HistoryHold | null;
};

export const createHold = (after: number): HistoryHold & { held: Promise<void>; arrive: () => void } => {
  let arrive = () => {};
  let release = () => {};
  const reached = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { after, reached, release, held, arrive };
};

const toReply = (answer: { status: number; body: unknown; headers?: Record<string, string> }): Reply =>
  json(answer.status, answer.body, answer.headers);

/** `POST /api/graphql` of an installation with a history: answered from it, after any hold. */
export const historyGraphql = async (input: RouteInput, backend: HistoryBackend): Promise<Reply> => {
  backend.queries += 1;
  const hold = backend.hold as (HistoryHold & { held: Promise<void>; arrive: () => void }) | null;
  if (hold && backend.queries > hold.after) {
    hold.arrive();
    await hold.held;
  }
  const body = input.body as { query: string; variables?: Record<string, unknown> };
  return toReply(await backend.double.graphql(body));
};

/** The REST reads of backfill (the repository, its milestones, a commit's files), from the history. */
export const historyRest: Handler = withRepo((input, repo) => {
  const backend = input.state.histories.get(repo.installationId);
  if (!backend)
    return { reason: `no history for ${repoName(repo)}`, reply: json(404, { message: "Not Found" }) };
  return toReply(backend.double.rest(input.url));
});
