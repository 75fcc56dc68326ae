import { z } from "zod";
import type { HistoryClient } from "./history-client.js";
import { hydrateNestedConnections } from "./hydrate.js";
import { countObjects, type PageSizer } from "./page-sizer.js";
import { PAGE_QUERIES } from "./queries.js";

/** The GraphQL-backed connections a repository's history is read through. */
export type GraphqlConnection = keyof typeof PAGE_QUERIES;

/** Where each page query keeps its connection in the answer. */
const PATHS: Record<GraphqlConnection, readonly string[]> = {
  pull_requests: ["repository", "pullRequests"],
  issues: ["repository", "issues"],
  commits: ["repository", "defaultBranchRef", "target", "history"],
  releases: ["repository", "releases"],
  discussions: ["repository", "discussions"],
};

const pageSchema = z.object({
  pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
  nodes: z.array(z.unknown()),
});

export type RawPage = {
  nodes: unknown[];
  hasNextPage: boolean;
  endCursor: string | null;
  /** Requests it took: the page itself and the follow-ups of its nested lists. */
  requests: number;
};

/** The smallest page the importer asks for when GitHub times out on larger ones. */
const MIN_PAGE = 10;

const dig = (data: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>(
    (value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : null),
    data,
  );

/**
 * One page of a connection, with every nested list read to its end. Its size is `pageSize` at
 * most, and what `sizer` says keeps the query well inside GitHub's time limit (it learns from
 * the answer). A retry after a failure asks for half as many nodes (GitHub answers queries too
 * heavy to finish in time with 502). A repository without a default branch or the feature
 * (discussions off) is an empty page.
 */
export const readGraphqlPage = async (
  client: HistoryClient,
  connection: GraphqlConnection,
  variables: { owner: string; name: string; after: string | null; since?: string },
  pageSize: number,
  sizer?: PageSizer,
  { hydrate = true }: { hydrate?: boolean } = {},
): Promise<RawPage> => {
  const size = Math.min(pageSize, sizer?.size(connection) ?? pageSize);
  const data = await client.query<Record<string, unknown>>(connection, (attempt) => ({
    document: PAGE_QUERIES[connection],
    variables: { ...variables, first: Math.max(MIN_PAGE, Math.floor(size / 2 ** (attempt - 1))) },
  }));
  const found = dig(data, PATHS[connection]);
  if (found === null || found === undefined) {
    return { nodes: [], hasNextPage: false, endCursor: null, requests: 1 };
  }
  const page = pageSchema.parse(found);
  const nodes = page.nodes.filter((node) => node !== null);
  sizer?.learn(connection, countObjects(page.nodes), nodes.length);
  const followUps = hydrate ? await hydrateNestedConnections(client, connection, nodes) : 0;
  return {
    nodes,
    hasNextPage: page.pageInfo.hasNextPage,
    endCursor: page.pageInfo.endCursor,
    requests: 1 + followUps,
  };
};

const updatedSchema = z.object({ updatedAt: z.string() });

/**
 * Up to `pages` pages of a list ordered by last update, read one after another and then
 * completed together: the long nested lists of all of them share the same follow-up queries (a
 * repository of 150 pull requests costs two pages and one round of follow-ups, not two). It
 * stops early at the last page, or at a page that reaches back past `since`.
 */
export const readGraphqlPages = async (
  client: HistoryClient,
  connection: GraphqlConnection,
  variables: { owner: string; name: string; after: string | null; since?: string },
  { pageSize, sizer, pages, since }: { pageSize: number; sizer?: PageSizer; pages: number; since: string },
): Promise<RawPage> => {
  const read: RawPage[] = [];
  let after = variables.after;
  for (let page = 0; page < pages; page += 1) {
    const raw = await readGraphqlPage(client, connection, { ...variables, after }, pageSize, sizer, {
      hydrate: false,
    });
    read.push(raw);
    const reachedStart = raw.nodes.some(
      (node) => new Date(updatedSchema.parse(node).updatedAt).toISOString() < since,
    );
    if (!raw.hasNextPage || reachedStart) break;
    after = raw.endCursor;
  }
  const nodes = read.flatMap((raw) => raw.nodes);
  const followUps = await hydrateNestedConnections(client, connection, nodes);
  const last = read.at(-1) as RawPage;
  return {
    nodes,
    hasNextPage: last.hasNextPage,
    endCursor: last.endCursor,
    requests: read.length + followUps,
  };
};
