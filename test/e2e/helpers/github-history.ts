import type { GraphqlDouble } from "../../helpers/history/graphql-double.js";

/**
 * The e2e double's history side: an installation given a synthetic history has its GraphQL
 * queries and backfill's REST reads answered from it (through the history plug-in). A hold keeps
 * GraphQL answers back from a given query on until released, so a test can act while a backfill
 * is mid-run.
 */

/** Keeps back every history query after the first `after`, until `release()`. */
export type HistoryHold = {
  after: number;
  /** Resolves when a query arrives that is kept back. */
  reached: Promise<void>;
  release: () => void;
};

/** `history`, with every GraphQL query after `hold.after` kept back until the hold is released. */
export const heldHistory = (
  history: GraphqlDouble,
  after: number,
): { history: GraphqlDouble; hold: HistoryHold } => {
  let arrive = () => {};
  let release = () => {};
  const reached = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let queries = 0;
  const graphql: GraphqlDouble["graphql"] = async (body) => {
    queries += 1;
    if (queries > after) {
      arrive();
      await held;
    }
    return history.graphql(body);
  };
  return { history: { ...history, graphql }, hold: { after, reached, release } };
};
