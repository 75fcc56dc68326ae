import { z } from "zod";

/**
 * The fields of GitHub's GraphQL answers the importer reads (queries.ts asks for them), checked
 * at the boundary like webhook payloads. Nested lists are complete here: hydration read them.
 */

const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

const connection = <T extends z.ZodType>(node: T) =>
  z.object({
    pageInfo: pageInfo.optional(),
    nodes: z.array(node.nullable()).transform((nodes) => nodes.filter((n) => n !== null)),
  });

/** `fullDatabaseId` is a BigInt scalar, sent as a string; REST ids fit in 2^53. */
const restId = z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(Number);

export const actorSchema = z
  .object({ __typename: z.string(), login: z.string(), databaseId: z.number().int().nullish() })
  .nullable();
export type GraphqlActor = z.output<typeof actorSchema>;

const timestamp = z.string().min(1);

/** The other issue of a sub-issue or dependency event (queries.ts: LINKED_ISSUE). */
export const linkedIssueSchema = z.object({
  number: z.number().int(),
  url: z.string(),
  createdAt: timestamp,
  state: z.string(),
  closedAt: z.string().nullish(),
  authorAssociation: z.string(),
  author: actorSchema,
  repository: z.object({
    databaseId: z.number().int(),
    name: z.string(),
    isPrivate: z.boolean(),
    owner: z.object({ login: z.string() }),
    defaultBranchRef: z.object({ name: z.string() }).nullish(),
  }),
});
export type LinkedIssue = z.output<typeof linkedIssueSchema>;

export const timelineEventSchema = z.object({
  __typename: z.string(),
  createdAt: timestamp.optional(),
  actor: actorSchema.optional(),
  label: z.object({ name: z.string() }).nullish(),
  stateReason: z.string().nullish(),
  milestoneTitle: z.string().nullish(),
  fromRepository: z.object({ nameWithOwner: z.string() }).nullish(),
  duplicate: z.object({ __typename: z.string(), number: z.number().int().optional() }).nullish(),
  subIssue: linkedIssueSchema.nullish(),
  blockingIssue: linkedIssueSchema.nullish(),
  blockedIssue: linkedIssueSchema.nullish(),
});
export type TimelineEvent = z.output<typeof timelineEventSchema>;

const labels = connection(z.object({ name: z.string() }));

export const issueCommentSchema = z.object({
  fullDatabaseId: restId,
  url: z.string(),
  createdAt: timestamp,
  authorAssociation: z.string(),
  author: actorSchema,
});

export const reviewSchema = z.object({
  fullDatabaseId: restId,
  state: z.string(),
  authorAssociation: z.string(),
  body: z.string().nullish(),
  submittedAt: z.string().nullish(),
  url: z.string(),
  author: actorSchema,
  comments: connection(
    z.object({ fullDatabaseId: restId, url: z.string(), createdAt: timestamp, author: actorSchema }),
  ),
});

export const pullRequestNodeSchema = z.object({
  number: z.number().int(),
  title: z.string().nullish(),
  url: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
  mergedAt: z.string().nullish(),
  isDraft: z.boolean().nullish(),
  headRefOid: z.string(),
  mergeCommit: z.object({ oid: z.string() }).nullish(),
  authorAssociation: z.string(),
  author: actorSchema,
  labels,
  commits: connection(
    z.object({
      commit: z.object({
        oid: z.string(),
        committedDate: timestamp,
        author: z
          .object({ user: z.object({ login: z.string(), databaseId: z.number().int().nullish() }).nullish() })
          .nullish(),
      }),
    }),
  ).default({ nodes: [] }),
  files: connection(z.object({ path: z.string(), additions: z.number(), deletions: z.number() })).nullish(),
  reviews: connection(reviewSchema),
  comments: connection(issueCommentSchema),
  timelineItems: connection(timelineEventSchema),
});
export type PullRequestNode = z.output<typeof pullRequestNodeSchema>;

export const issueNodeSchema = z.object({
  number: z.number().int(),
  title: z.string().nullish(),
  url: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
  body: z.string().nullish(),
  authorAssociation: z.string(),
  author: actorSchema,
  labels,
  comments: connection(issueCommentSchema),
  timelineItems: connection(timelineEventSchema),
});
export type IssueNode = z.output<typeof issueNodeSchema>;

export const commitNodeSchema = z.object({
  oid: z.string(),
  url: z.string(),
  message: z.string(),
  authoredDate: timestamp,
  author: z
    .object({ user: z.object({ login: z.string(), databaseId: z.number().int().nullish() }).nullish() })
    .nullish(),
  associatedPullRequests: connection(
    z.object({ number: z.number().int(), mergedAt: z.string().nullish() }),
  ).nullish(),
});
export type CommitNode = z.output<typeof commitNodeSchema>;

export const releaseNodeSchema = z.object({
  databaseId: z.number().int(),
  tagName: z.string(),
  name: z.string().nullish(),
  url: z.string(),
  isDraft: z.boolean(),
  createdAt: timestamp,
  publishedAt: z.string().nullish(),
  author: z.object({ login: z.string(), databaseId: z.number().int().nullish() }).nullish(),
});
export type ReleaseNode = z.output<typeof releaseNodeSchema>;

const discussionCommentBase = z.object({
  databaseId: z.number().int(),
  url: z.string(),
  createdAt: timestamp,
  authorAssociation: z.string(),
  author: actorSchema,
});

export const discussionNodeSchema = z.object({
  number: z.number().int(),
  title: z.string().nullish(),
  url: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
  authorAssociation: z.string(),
  answerChosenAt: z.string().nullish(),
  author: actorSchema,
  answer: z.object({ databaseId: z.number().int(), url: z.string(), author: actorSchema }).nullish(),
  labels,
  comments: connection(discussionCommentBase.extend({ replies: connection(discussionCommentBase) })),
});
export type DiscussionNode = z.output<typeof discussionNodeSchema>;

/** A milestone as `GET /repos/{owner}/{repo}/milestones` lists it (GraphQL has no REST id for it). */
export const milestoneSchema = z.object({
  id: z.number().int(),
  number: z.number().int(),
  title: z.string(),
  html_url: z.string(),
  created_at: timestamp,
  creator: z.object({ login: z.string(), id: z.number().int(), type: z.string().optional() }).nullish(),
});
export type RestMilestone = z.output<typeof milestoneSchema>;

/** The changed files of one commit, as `GET /repos/{owner}/{repo}/commits/{sha}` lists them. */
export const commitFilesSchema = z.object({
  files: z.array(z.object({ filename: z.string() })).default([]),
});
