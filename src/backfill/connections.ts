import { isCreditable } from "../classify/facts.js";
import type { Config } from "../config/schema.js";
import type { BackfilledPullRequest } from "../store/backfill-pull-requests.js";
import type { DependencyChanges } from "../store/issue-dependencies.js";
import type { PullRequestState } from "../store/pull-requests.js";
import type { HistoryClient } from "./history-client.js";
import {
  type CommitNode,
  commitFilesSchema,
  commitNodeSchema,
  discussionNodeSchema,
  issueNodeSchema,
  milestoneSchema,
  pullRequestNodeSchema,
  type RestMilestone,
  releaseNodeSchema,
} from "./history-schemas.js";
import { issueEntries, type MilestoneIndex } from "./map-issue.js";
import { dependencyRecords } from "./map-issue-planning.js";
import { pullRequestEntries, pullRequestFiles, readyTimes } from "./map-pull-request.js";
import type { HistoryEntry, HistoryScope } from "./map-refs.js";
import {
  commitAuthor,
  commitEntry,
  commitInMergedPr,
  discussionEntries,
  milestoneEntry,
  releaseEntry,
} from "./map-repository.js";
import type { PageSizer } from "./page-sizer.js";
import { readGraphqlPage, readGraphqlPages } from "./read-page.js";

/** The parts of a repository's history, in the order they are imported. */
export const CONNECTION_NAMES = [
  "milestones",
  "pull_requests",
  "issues",
  "commits",
  "releases",
  "discussions",
] as const;
export type ConnectionName = (typeof CONNECTION_NAMES)[number];

export type PageContext = {
  client: HistoryClient;
  scope: HistoryScope;
  config: Config;
  pageSize: number;
  /** The repository's milestones, read once per import when something needs them. */
  milestones: () => Promise<readonly RestMilestone[]>;
  /** Sizes pages so each query stays well inside GitHub's time limit. */
  sizer?: PageSizer;
};

/** One page of history, mapped: what to classify and what to remember about its PRs. */
export type HistoryPage = {
  entries: HistoryEntry[];
  /** Nodes read (pull requests, issues, commits, …). */
  items: number;
  pullRequests: BackfilledPullRequest[];
  states: PullRequestState[];
  endCursor: string | null;
  done: boolean;
  requests: number;
  /** The "blocked by" records the page's issues leave (issues pages only). */
  dependencies?: DependencyChanges;
};

const emptyPage = { pullRequests: [], states: [] };

/** Lists ordered by last update stop at the first node older than the window. */
const inWindow = <T extends { updatedAt: string }>(scope: HistoryScope, nodes: T[]) => {
  const kept = nodes.filter((node) => new Date(node.updatedAt).toISOString() >= scope.since);
  return { kept, reachedStart: kept.length < nodes.length };
};

const ownerAndName = (scope: HistoryScope) => ({ owner: scope.repo.owner, name: scope.repo.name });

/** Pull request pages read before their long lists are completed together. */
const PULL_REQUEST_PAGES_PER_ROUND = 2;

const readPullRequests = async (context: PageContext, after: string | null): Promise<HistoryPage> => {
  const { scope } = context;
  const raw = await readGraphqlPages(
    context.client,
    "pull_requests",
    { ...ownerAndName(scope), after },
    {
      pageSize: context.pageSize,
      ...(context.sizer ? { sizer: context.sizer } : {}),
      pages: PULL_REQUEST_PAGES_PER_ROUND,
      since: scope.since,
    },
  );
  const { kept, reachedStart } = inWindow(
    scope,
    raw.nodes.map((node) => pullRequestNodeSchema.parse(node)),
  );
  const key = { installationId: scope.installationId, repoId: scope.repo.id };
  return {
    entries: kept.flatMap((node) => pullRequestEntries(scope, node)),
    items: kept.length,
    pullRequests: kept.map((node) => ({
      ...key,
      number: node.number,
      headSha: node.headRefOid,
      files: pullRequestFiles(node),
      readyAt: readyTimes(node).at(-1) ?? null,
    })),
    states: kept.map((node) => ({
      ...key,
      repo: scope.repo.fullName,
      number: node.number,
      headSha: node.headRefOid,
      authorLogin: node.author?.login ?? "ghost",
      merged: Boolean(node.mergedAt),
      mergeCommitSha: node.mergeCommit?.oid ?? null,
    })),
    endCursor: raw.endCursor,
    done: !raw.hasNextPage || reachedStart,
    requests: raw.requests,
  };
};

const readIssues = async (context: PageContext, after: string | null): Promise<HistoryPage> => {
  const { scope } = context;
  const variables = { ...ownerAndName(scope), after, since: scope.since };
  const raw = await readGraphqlPage(context.client, "issues", variables, context.pageSize, context.sizer);
  const { kept, reachedStart } = inWindow(
    scope,
    raw.nodes.map((node) => issueNodeSchema.parse(node)),
  );
  const index: MilestoneIndex = new Map(
    (await context.milestones()).map((milestone) => [
      milestone.title,
      { id: milestone.id, url: milestone.html_url },
    ]),
  );
  return {
    ...emptyPage,
    entries: kept.flatMap((node) => issueEntries(scope, node, index)),
    dependencies: dependencyRecords(scope, kept),
    items: kept.length,
    endCursor: raw.endCursor,
    done: !raw.hasNextPage || reachedStart,
    requests: raw.requests,
  };
};

/** A direct commit's files need one REST read; only commits that could earn credit are read. */
const needsFiles = (context: PageContext, node: CommitNode): boolean => {
  const author = commitAuthor(node);
  return (
    author !== null &&
    isCreditable(author, context.config) &&
    !commitInMergedPr(node) &&
    new Date(node.authoredDate).toISOString() >= context.scope.since
  );
};

const readCommits = async (context: PageContext, after: string | null): Promise<HistoryPage> => {
  const { scope, client } = context;
  const variables = { ...ownerAndName(scope), after, since: scope.since };
  const raw = await readGraphqlPage(client, "commits", variables, context.pageSize, context.sizer);
  const nodes = raw.nodes.map((node) => commitNodeSchema.parse(node));
  const entries: HistoryEntry[] = [];
  let reads = 0;
  for (const node of nodes) {
    if (!needsFiles(context, node)) continue;
    const data = await client.request<unknown>("rest:commit", "GET /repos/{owner}/{repo}/commits/{ref}", {
      owner: scope.repo.owner,
      repo: scope.repo.name,
      ref: node.oid,
    });
    reads += 1;
    const files = commitFilesSchema.parse(data).files.map((file) => file.filename);
    entries.push(...commitEntry(scope, node, files));
  }
  return {
    ...emptyPage,
    entries,
    items: nodes.length,
    endCursor: raw.endCursor,
    done: !raw.hasNextPage,
    requests: raw.requests + reads,
  };
};

const readReleases = async (context: PageContext, after: string | null): Promise<HistoryPage> => {
  const { scope } = context;
  const raw = await readGraphqlPage(
    context.client,
    "releases",
    { ...ownerAndName(scope), after },
    context.pageSize,
    context.sizer,
  );
  const nodes = raw.nodes.map((node) => releaseNodeSchema.parse(node));
  const kept = nodes.filter((node) => new Date(node.createdAt).toISOString() >= scope.since);
  return {
    ...emptyPage,
    entries: kept.flatMap((node) => releaseEntry(scope, node)),
    items: kept.length,
    endCursor: raw.endCursor,
    done: !raw.hasNextPage || kept.length < nodes.length,
    requests: raw.requests,
  };
};

const readDiscussions = async (context: PageContext, after: string | null): Promise<HistoryPage> => {
  const { scope } = context;
  // Discussions carry more nested lists; half a page keeps a query as light as the others.
  const size = Math.max(10, Math.floor(context.pageSize / 2));
  const raw = await readGraphqlPage(
    context.client,
    "discussions",
    { ...ownerAndName(scope), after },
    size,
    context.sizer,
  );
  const { kept, reachedStart } = inWindow(
    scope,
    raw.nodes.map((node) => discussionNodeSchema.parse(node)),
  );
  return {
    ...emptyPage,
    entries: kept.flatMap((node) => discussionEntries(scope, node)),
    items: kept.length,
    endCursor: raw.endCursor,
    done: !raw.hasNextPage || reachedStart,
    requests: raw.requests,
  };
};

const readMilestones = async (context: PageContext): Promise<HistoryPage> => {
  const milestones = await context.milestones();
  return {
    ...emptyPage,
    entries: milestones.flatMap((milestone) => milestoneEntry(context.scope, milestone)),
    items: milestones.length,
    endCursor: null,
    done: true,
    requests: 0,
  };
};

/**
 * Every milestone of the repository over REST, 100 a request: GraphQL gives milestones no REST
 * id, and credits for them are keyed by it.
 */
export const readAllMilestones = async (
  client: HistoryClient,
  scope: HistoryScope,
): Promise<RestMilestone[]> => {
  const milestones: RestMilestone[] = [];
  for (let page = 1; ; page += 1) {
    const data = await client.request<unknown[]>("rest:milestones", "GET /repos/{owner}/{repo}/milestones", {
      owner: scope.repo.owner,
      repo: scope.repo.name,
      state: "all",
      per_page: 100,
      page,
    });
    milestones.push(...data.map((row) => milestoneSchema.parse(row)));
    if (data.length < 100) return milestones;
  }
};

/** Reads the page of `connection` after `after` (null: its first page). */
export const readHistoryPage = (
  connection: ConnectionName,
  context: PageContext,
  after: string | null,
): Promise<HistoryPage> => {
  switch (connection) {
    case "milestones":
      return readMilestones(context);
    case "pull_requests":
      return readPullRequests(context, after);
    case "issues":
      return readIssues(context, after);
    case "commits":
      return readCommits(context, after);
    case "releases":
      return readReleases(context, after);
    case "discussions":
      return readDiscussions(context, after);
  }
};
