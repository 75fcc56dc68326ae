import {
  buildFollowUpQuery,
  connectionFields,
  FOLLOW_UPS_PER_QUERY,
  type FollowUp,
  isFollowUpType,
  tailKeyOf,
} from "./follow-up-query.js";
import type { HistoryClient } from "./history-client.js";

type PageInfo = { hasNextPage: boolean; endCursor: string | null };
type RawConnection = { pageInfo: PageInfo; nodes: unknown[] };
type RawNode = Record<string, unknown> & { __typename?: string; id?: string };

const isConnection = (value: unknown): value is RawConnection =>
  typeof value === "object" &&
  value !== null &&
  Array.isArray((value as RawConnection).nodes) &&
  typeof (value as RawConnection).pageInfo === "object";

type Pending = FollowUp & { target: RawConnection };

const isTail = (value: unknown): value is { nodes: Record<string, unknown>[] } =>
  typeof value === "object" && value !== null && Array.isArray((value as { nodes?: unknown }).nodes);

/** The nodes of `more` whose `key` none of `have` has (nor an earlier one of `more`). */
const unseen = (have: readonly unknown[], more: readonly unknown[], key: string): unknown[] => {
  const seen = new Set(have.map((entry) => (entry as Record<string, unknown>)[key]));
  return more.filter((entry) => {
    const value = (entry as Record<string, unknown>)[key];
    if (seen.has(value)) return false;
    seen.add(value);
    return true;
  });
};

/** The continuations a node (and the nodes nested in it) still needs. */
const collect = (node: unknown, into: Pending[]): void => {
  if (typeof node !== "object" || node === null) return;
  const raw = node as RawNode;
  const type = raw.__typename ?? "";
  for (const field of connectionFields(type)) {
    const connection = raw[field];
    if (!isConnection(connection)) continue;
    for (const child of connection.nodes) collect(child, into);
    const { hasNextPage, endCursor } = connection.pageInfo;
    if (hasNextPage && endCursor && raw.id && isFollowUpType(type)) {
      into.push({ nodeId: raw.id, type, field, after: endCursor, target: connection });
    }
  }
};

/**
 * Reads the rest of every nested list of a page in place: each list that has a next page is
 * continued from its cursor, many lists per request, until none has more. Lists found in the
 * continued nodes (comments of further reviews) are continued the same way. Returns how many
 * follow-up requests it took.
 */
export const hydrateNestedConnections = async (
  client: HistoryClient,
  label: string,
  nodes: readonly unknown[],
): Promise<number> => {
  const pending: Pending[] = [];
  for (const node of nodes) collect(node, pending);
  let requests = 0;
  while (pending.length > 0) {
    const batch = pending.splice(0, FOLLOW_UPS_PER_QUERY);
    const { document, variables } = buildFollowUpQuery(batch);
    const data = await client.query<Record<string, unknown>>(`${label}:follow-up`, document, variables);
    requests += 1;
    batch.forEach((followUp, index) => {
      const node = data[`c${index}`] as RawNode | null | undefined;
      const connection = node?.[followUp.field];
      // A node deleted since the page was read has nothing more to give.
      if (!isConnection(connection)) {
        followUp.target.pageInfo = { hasNextPage: false, endCursor: null };
        return;
      }
      const tailKey = tailKeyOf(followUp.type, followUp.field);
      const fresh = tailKey ? unseen(followUp.target.nodes, connection.nodes, tailKey) : connection.nodes;
      followUp.target.nodes.push(...fresh);
      followUp.target.pageInfo = connection.pageInfo;
      for (const child of fresh) collect(child, pending);
      const tail = node?.tail;
      if (tailKey && connection.pageInfo.hasNextPage && isTail(tail)) {
        // The list's last nodes: where they reach back to what was read, nothing is missing.
        const last = connection.nodes.at(-1) as Record<string, unknown> | undefined;
        const meets = last !== undefined && tail.nodes.some((entry) => entry[tailKey] === last[tailKey]);
        followUp.target.nodes.push(...unseen(followUp.target.nodes, tail.nodes, tailKey));
        if (meets) followUp.target.pageInfo = { hasNextPage: false, endCursor: null };
      }
      const { hasNextPage, endCursor } = followUp.target.pageInfo;
      if (hasNextPage && endCursor) pending.push({ ...followUp, after: endCursor });
    });
  }
  return requests;
};
