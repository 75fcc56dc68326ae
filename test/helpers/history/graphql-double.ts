import {
  type DocumentNode,
  execute,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  getNamedType,
  isObjectType,
  Kind,
  parse,
  type SelectionSetNode,
  type ValueNode,
  validate,
  valueFromASTUntyped,
} from "graphql";
import { page as restPage } from "../../../src/github-double/reply.js";
import { repoJson } from "../../../src/github-double/rest-shapes.js";
import { gitHubSchema } from "../github-schema.js";
import { BASE_URL, toGraphqlData } from "./graphql-data.js";
import { historyRepo } from "./history-repo.js";
import type { History } from "./synthetic-history.js";

/**
 * GitHub's GraphQL API over a synthetic history: queries are validated against GitHub's
 * published schema and executed by graphql-js, connections are paged by `first`/`after`, and
 * each answer's `rateLimit` is charged the way GitHub documents it (one point per hundred
 * connection requests the query could make, at least one), with its 500,000-node limit.
 * REST answers cover the few reads backfill makes there.
 */

export type DoubleAnswer = { status: number; body: unknown; headers?: Record<string, string> };

export type DoubleOptions = {
  /** Points per hour (GitHub gives an installation at least 5,000). */
  limit?: number;
  /** `now` for `resetAt`. */
  now?: () => number;
  /** Replaces the answer to the n-th GraphQL request (1-based), e.g. with a 502. */
  fail?: (request: number, operation: string) => DoubleAnswer | null;
  /** Overrides the budget reported to the n-th request. */
  rateLimit?: (request: number) => Partial<{ remaining: number; resetAt: string }> | null;
};

const cursorOf = (index: number) => Buffer.from(`cursor:v2:${index}`).toString("base64");
const indexOf = (cursor: unknown) =>
  typeof cursor === "string" ? Number(Buffer.from(cursor, "base64").toString().split(":")[2]) : -1;

const enumName = (typename: string) => typename.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();

const filterFor = (args: Record<string, unknown>) => (node: Record<string, unknown>) => {
  const itemTypes = args.itemTypes as string[] | undefined;
  if (itemTypes && !itemTypes.includes(enumName(node.__typename as string))) return false;
  const since = (args.filterBy as { since?: string } | undefined)?.since;
  if (since && Date.parse(node.updatedAt as string) < Date.parse(since)) return false;
  if (typeof args.since === "string" && Date.parse(node.authoredDate as string) < Date.parse(args.since))
    return false;
  return true;
};

const page = (all: Record<string, unknown>[], args: Record<string, unknown>) => {
  const items = all.filter(filterFor(args));
  // `last: n` without `first`: the list's final n nodes.
  const last = args.first === undefined ? (args.last as number | undefined) : undefined;
  const start = last === undefined ? indexOf(args.after) + 1 : Math.max(0, items.length - last);
  const first = last ?? (args.first as number | undefined) ?? 100;
  const nodes = items.slice(start, start + first);
  const end = start + nodes.length - 1;
  return {
    nodes,
    edges: nodes.map((node, i) => ({ node, cursor: cursorOf(start + i) })),
    totalCount: items.length,
    pageInfo: {
      hasNextPage: end < items.length - 1,
      endCursor: nodes.length > 0 ? cursorOf(end) : null,
      hasPreviousPage: start > 0,
      startCursor: nodes.length > 0 ? cursorOf(start) : null,
    },
  };
};

const fieldResolver: GraphQLFieldResolver<Record<string, unknown>, unknown> = (
  source,
  args,
  context,
  info,
) => {
  const value = source?.[info.fieldName];
  if (typeof value === "function") return value(args, context, info);
  const type = getNamedType(info.returnType);
  if (Array.isArray(value) && isObjectType(type) && type.name.endsWith("Connection"))
    return page(value, args);
  return value;
};

const argument = (value: ValueNode, variables: Record<string, unknown>) =>
  valueFromASTUntyped(value, variables);

/** GitHub's documented cost: connection requests the query could make, and the nodes it could return. */
export const queryCost = (document: DocumentNode, variables: Record<string, unknown>) => {
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  let requests = 0;
  let nodes = 0;
  const visit = (set: SelectionSetNode, multiplier: number) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const size = selection.arguments?.find((a) => a.name.value === "first" || a.name.value === "last");
        if (size && selection.selectionSet) {
          const n = Number(argument(size.value, variables));
          requests += multiplier;
          nodes += multiplier * n;
          visit(selection.selectionSet, multiplier * n);
        } else if (selection.selectionSet) visit(selection.selectionSet, multiplier);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, multiplier);
      else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet, multiplier);
      }
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) visit(definition.selectionSet, 1);
  }
  return { points: Math.max(1, Math.round(requests / 100)), nodes };
};

/**
 * The double over one repository's history, or over several repositories of one organisation
 * (histories generated with distinct `orgIndex`es, so their node ids differ).
 */
export const createGraphqlDouble = (served: History | readonly History[], options: DoubleOptions = {}) => {
  const histories = Array.isArray(served) ? (served as readonly History[]) : [served as History];
  const byName = new Map(
    histories.map((h) => [h.repo.fullName.toLowerCase(), { history: h, ...toGraphqlData(h) }]),
  );
  const nodes = new Map([...byName.values()].flatMap((repo) => [...repo.nodes]));
  const limit = options.limit ?? 5000;
  const now = options.now ?? Date.now;
  const resetAt = new Date(now() + 3_600_000).toISOString();
  const stats = {
    requests: 0,
    points: 0,
    nodes: 0,
    rest: 0,
    log: [] as { operation: string; points: number; variables: Record<string, unknown> }[],
  };
  let remaining = limit;

  const graphql = async (body: {
    query: string;
    variables?: Record<string, unknown>;
  }): Promise<DoubleAnswer> => {
    stats.requests += 1;
    const document = parse(body.query);
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    const name = operation?.kind === Kind.OPERATION_DEFINITION ? (operation.name?.value ?? "") : "";
    const failure = options.fail?.(stats.requests, name);
    if (failure) return failure;
    const schema = gitHubSchema();
    const errors = validate(schema, document);
    if (errors.length > 0)
      return { status: 200, body: { errors: errors.map((e) => ({ message: e.message })) } };
    const variables = body.variables ?? {};
    const cost = queryCost(document, variables);
    if (cost.nodes > 500_000) {
      return {
        status: 200,
        body: { errors: [{ type: "MAX_NODE_LIMIT_EXCEEDED", message: "too many nodes" }] },
      };
    }
    remaining = Math.max(0, remaining - cost.points);
    const override = options.rateLimit?.(stats.requests) ?? {};
    const rateLimit = {
      cost: cost.points,
      remaining,
      resetAt,
      limit,
      used: limit - remaining,
      nodeCount: cost.nodes,
      ...override,
    };
    stats.points += cost.points;
    stats.nodes += cost.nodes;
    stats.log.push({ operation: name, points: cost.points, variables });
    const rootValue = {
      rateLimit,
      repository: (args: { owner: string; name: string }) =>
        byName.get(`${args.owner}/${args.name}`.toLowerCase())?.repository ?? null,
      node: (args: { id: string }) => nodes.get(args.id) ?? null,
    };
    const result = await execute({
      schema,
      document,
      rootValue,
      variableValues: variables,
      fieldResolver,
      typeResolver: (value) => (value as { __typename: string }).__typename,
    });
    return { status: 200, body: result };
  };

  /**
   * The REST reads backfill makes: the repository, its milestones, a commit's files. `url` is the
   * request's, so the pages' `Link` header names the host that was asked.
   */
  const rest = (url: URL): DoubleAnswer => {
    const path = url.pathname.replace(/^\/api\/v3(?=\/)/, "");
    stats.rest += 1;
    const named = /^\/repos\/([^/]+\/[^/]+)/.exec(path)?.[1]?.toLowerCase();
    const history = (named && byName.get(named)?.history) || (histories[0] as History);
    const prefix = `/repos/${history.repo.fullName}`;
    if (path === prefix) return { status: 200, body: repoJson(historyRepo(history)) };
    if (path === `${prefix}/milestones`) {
      const rows = history.milestones.map((m) => ({
        id: m.id,
        number: m.number,
        title: m.title,
        html_url: `${BASE_URL}/${history.repo.fullName}/milestone/${m.number}`,
        created_at: m.createdAt,
        updated_at: m.createdAt,
        closed_at: null,
        creator: { login: m.creator.login, id: m.creator.id, type: m.creator.type },
      }));
      return restPage(rows, url);
    }
    const commit = /\/commits\/([0-9a-f]{40})$/.exec(path);
    const found = commit && history.commits.find((c) => c.sha === commit[1]);
    if (found)
      return {
        status: 200,
        body: { sha: found.sha, files: found.files.map((filename) => ({ filename, status: "modified" })) },
      };
    return { status: 404, body: { message: "Not Found" } };
  };

  return { graphql, rest, stats, histories };
};

export type GraphqlDouble = ReturnType<typeof createGraphqlDouble>;
