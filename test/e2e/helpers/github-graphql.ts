/**
 * The GitHub double's GraphQL endpoint: the part of GitHub's schema the app's live reads use
 * (a PR's changed files), executed by graphql-js against the double's state, with GitHub's
 * manners: a repository or PR the token cannot see is null with a NOT_FOUND error.
 */
import { buildSchema, GraphQLError, graphqlSync } from "graphql";
import { json } from "../../../src/github-double/reply.js";
import { type Handler, livePull, repoFor } from "../../../src/github-double/route-kit.js";

const schema = buildSchema(`
  type Query { repository(owner: String!, name: String!): Repository }
  type Repository { pullRequest(number: Int!): PullRequest }
  type PullRequest { number: Int!, headRefOid: String!, files(first: Int, after: String): PullRequestChangedFileConnection }
  type PullRequestChangedFileConnection { totalCount: Int!, nodes: [PullRequestChangedFile!]!, pageInfo: PageInfo! }
  type PullRequestChangedFile { path: String!, additions: Int!, deletions: Int! }
  type PageInfo { hasNextPage: Boolean!, endCursor: String }
`);

const notFound = (what: string) =>
  new GraphQLError(`Could not resolve to a ${what}.`, { extensions: { type: "NOT_FOUND" } });

export const graphqlEndpoint: Handler = (input) => {
  const body = input.body as { query?: unknown; variables?: Record<string, unknown> } | null;
  if (typeof body?.query !== "string") return json(400, { message: "Problems parsing JSON" });
  const rootValue = {
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repo = repoFor(input, owner, name);
      if ("reason" in repo) return notFound("Repository");
      return {
        pullRequest: ({ number }: { number: number }) => {
          const pull = livePull(input, repo, String(number));
          if (!pull) return notFound("PullRequest");
          return {
            number: pull.number,
            headRefOid: pull.headSha,
            files: ({ first = 100, after }: { first?: number; after?: string }) => {
              const start = after ? Number(after) : 0;
              const nodes = pull.files.slice(start, start + first);
              return {
                totalCount: pull.files.length,
                nodes: nodes.map((file) => ({
                  path: file.filename,
                  additions: file.additions,
                  deletions: file.deletions,
                })),
                pageInfo: {
                  hasNextPage: start + first < pull.files.length,
                  endCursor: nodes.length > 0 ? String(start + nodes.length) : null,
                },
              };
            },
          };
        },
      };
    },
  };
  const result = graphqlSync({ schema, source: body.query, rootValue, variableValues: body.variables ?? {} });
  const errors = result.errors?.map((error) => ({
    type: (error.extensions?.type as string | undefined) ?? "INVALID",
    path: error.path,
    message: error.message,
  }));
  if (errors?.some((error) => error.type !== "NOT_FOUND")) {
    return {
      reason: `GraphQL query GitHub would reject: ${errors.map((e) => e.message).join("; ")}`,
      reply: json(200, { errors }),
    };
  }
  return json(200, { data: result.data ?? null, ...(errors ? { errors } : {}) });
};
