import { json, type Reply } from "../../../src/github-double/reply.js";
import { type Handler, type Route, repoPattern, withRepo } from "../../../src/github-double/route-kit.js";
import { GRAPHQL_PATH } from "../../../src/github-double/routes.js";
import type { DoubleAnswer, GraphqlDouble } from "./graphql-double.js";

/** The history an installation's reads are answered from, if it has one. */
export type HistoryOf = (installationId: number | null) => GraphqlDouble | undefined;

const toReply = (answer: DoubleAnswer): Reply => json(answer.status, answer.body, answer.headers);

/** The REST reads of backfill that only a history can answer (milestones, a commit's files). */
const historyRest = (historyOf: HistoryOf): Handler =>
  withRepo((input, repo) => {
    const history = historyOf(repo.installationId);
    return history
      ? toReply(history.rest(input.url))
      : { reason: `no history for ${repo.owner}/${repo.name}`, reply: json(404, { message: "Not Found" }) };
  });

/**
 * The GitHub double's history plug-in: GraphQL queries of an installation with a synthetic history,
 * and the REST reads of backfill that only the history can answer, from the history double (which
 * checks every query against GitHub's published schema). Other GraphQL goes to `otherGraphql`.
 */
export const historyRoutes = (historyOf: HistoryOf, otherGraphql?: Handler): Route[] => [
  {
    method: "POST",
    pattern: GRAPHQL_PATH,
    name: "graphql",
    handler: async (input, params) => {
      const history = historyOf(input.installationId);
      if (history)
        return toReply(
          await history.graphql(input.body as { query: string; variables?: Record<string, unknown> }),
        );
      if (otherGraphql) return otherGraphql(input, params);
      return {
        reason: "a GraphQL query with no history to answer it",
        reply: json(404, { message: "Not Found" }),
      };
    },
  },
  {
    method: "GET",
    pattern: repoPattern("/milestones"),
    name: "history-milestones",
    handler: historyRest(historyOf),
  },
  {
    method: "GET",
    pattern: repoPattern("/commits/([0-9a-f]{40})"),
    name: "history-commit",
    handler: historyRest(historyOf),
  },
];
