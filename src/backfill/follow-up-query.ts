import {
  DISCUSSION_COMMENT_FIELDS,
  discussionCommentFields,
  FILE_FIELDS,
  ISSUE_COMMENT_FIELDS,
  ISSUE_EVENT_TYPES,
  ISSUE_EVENTS,
  LABEL_FIELDS,
  NESTED,
  PAGE_INFO,
  PULL_REQUEST_COMMIT_FIELDS,
  PULL_REQUEST_EVENT_TYPES,
  PULL_REQUEST_EVENTS,
  REVIEW_COMMENT_FIELDS,
  reviewFields,
} from "./queries.js";

/**
 * Nested connections that can be longer than the first read took, per node type: where a
 * node's list continues, a follow-up query reads the next page from that node's cursor.
 */
const CONNECTIONS = {
  PullRequest: {
    labels: { size: 100, selection: LABEL_FIELDS },
    // A file's path is unique in its PR: the list's last 100 come along, and where they meet the
    // continuation the list is complete (up to 300 files in one round instead of two).
    files: { size: 100, selection: FILE_FIELDS, tailKey: "path" },
    // A continued review brings up to 100 of its comments, so they rarely need a round of their own.
    reviews: { size: 20, selection: reviewFields(100) },
    comments: { size: 100, selection: ISSUE_COMMENT_FIELDS },
    commits: { size: 100, selection: PULL_REQUEST_COMMIT_FIELDS },
    timelineItems: { size: 100, selection: PULL_REQUEST_EVENTS, itemTypes: PULL_REQUEST_EVENT_TYPES },
  },
  PullRequestReview: {
    comments: { size: 100, selection: REVIEW_COMMENT_FIELDS },
  },
  Issue: {
    labels: { size: 100, selection: LABEL_FIELDS },
    comments: { size: 100, selection: ISSUE_COMMENT_FIELDS },
    timelineItems: { size: 100, selection: ISSUE_EVENTS, itemTypes: ISSUE_EVENT_TYPES },
  },
  Discussion: {
    labels: { size: 100, selection: LABEL_FIELDS },
    comments: { size: 50, selection: discussionCommentFields(NESTED.replies) },
  },
  DiscussionComment: {
    replies: { size: 100, selection: DISCUSSION_COMMENT_FIELDS },
  },
} as const satisfies Record<
  string,
  Record<string, { size: number; selection: string; itemTypes?: string; tailKey?: string }>
>;

type ConnectionSpec = { size: number; selection: string; itemTypes?: string; tailKey?: string };

/** The field whose values tell a list's nodes apart when its tail is read too (files: `path`). */
export const tailKeyOf = (type: NodeType, field: string): string | undefined =>
  (CONNECTIONS[type] as Record<string, ConnectionSpec>)[field]?.tailKey;

export type NodeType = keyof typeof CONNECTIONS;

/** The connection fields of a node type that follow-ups can continue. */
export const connectionFields = (type: string): readonly string[] =>
  type in CONNECTIONS ? Object.keys(CONNECTIONS[type as NodeType]) : [];

/** One nested list to continue: the node, its connection field, and the cursor to read after. */
export type FollowUp = { nodeId: string; type: NodeType; field: string; after: string };

export const isFollowUpType = (type: string): type is NodeType => type in CONNECTIONS;

/** At most this many continuations share one request (keeps it far below GitHub's node limit). */
export const FOLLOW_UPS_PER_QUERY = 100;

/**
 * One query that continues many nested lists at once, each under an alias `c<i>` with its own
 * `$id<i>`/`$after<i>` variables, so a page's long lists cost one request, not one each.
 */
export const buildFollowUpQuery = (
  followUps: readonly FollowUp[],
): { document: string; variables: Record<string, unknown> } => {
  const declarations: string[] = [];
  const selections: string[] = [];
  const variables: Record<string, unknown> = {};
  followUps.forEach((followUp, index) => {
    const connection = (CONNECTIONS[followUp.type] as Record<string, ConnectionSpec>)[followUp.field];
    if (!connection) throw new Error(`no follow-up for ${followUp.type}.${followUp.field}`);
    declarations.push(`$id${index}: ID!`, `$after${index}: String`);
    variables[`id${index}`] = followUp.nodeId;
    variables[`after${index}`] = followUp.after;
    const itemTypes = connection.itemTypes ? `, itemTypes: ${connection.itemTypes}` : "";
    const tail = connection.tailKey
      ? ` tail: ${followUp.field}(last: ${connection.size}) { nodes { ${connection.selection} } }`
      : "";
    selections.push(
      `c${index}: node(id: $id${index}) { ... on ${followUp.type} { ${followUp.field}(first: ${connection.size}, after: $after${index}${itemTypes}) { ${PAGE_INFO} nodes { ${connection.selection} } }${tail} } }`,
    );
  });
  const document = `
query BackfillFollowUps(${declarations.join(", ")}) {
  rateLimit { cost remaining resetAt }
  ${selections.join("\n  ")}
}`;
  return { document, variables };
};

/** Every kind of follow-up the importer can send, for schema validation. */
export const ALL_FOLLOW_UP_KINDS: readonly Omit<FollowUp, "nodeId" | "after">[] = (
  Object.keys(CONNECTIONS) as NodeType[]
).flatMap((type) => Object.keys(CONNECTIONS[type]).map((field) => ({ type, field })));
