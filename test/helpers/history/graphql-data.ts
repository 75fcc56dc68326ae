import { planningTimelines } from "./planning-timelines.js";
import type { History, HistoryComment, HistoryEvent, HistoryUser } from "./synthetic-history.js";

/** The title a synthetic item has, the same in history and in webhook payloads. */
export const historyTitle = (kind: "pulls" | "issues" | "discussions", number: number): string =>
  `${kind === "pulls" ? "Pull request" : kind === "issues" ? "Issue" : "Discussion"} ${number} of the history`;

/**
 * A history as GitHub's GraphQL objects: field names as in the schema, connections as plain
 * arrays (the double pages and filters them), `__typename` on every object of an abstract type.
 */

export const actor = (who: HistoryUser) =>
  who.type === "Bot"
    ? { __typename: "Bot", login: who.login, databaseId: who.id }
    : { __typename: "User", login: who.login, databaseId: who.id };

const EVENT_TYPES: Record<HistoryEvent["type"], string> = {
  labeled: "LabeledEvent",
  assigned: "AssignedEvent",
  closed: "ClosedEvent",
  reopened: "ReopenedEvent",
  locked: "LockedEvent",
  ready: "ReadyForReviewEvent",
  milestoned: "MilestonedEvent",
};

export const BASE_URL = "https://github.com";

export type GraphqlData = {
  repository: Record<string, unknown>;
  nodes: Map<string, Record<string, unknown>>;
};

export const toGraphqlData = (history: History): GraphqlData => {
  const repoUrl = `${BASE_URL}/${history.repo.fullName}`;
  const nodes = new Map<string, Record<string, unknown>>();
  const register = <T extends Record<string, unknown>>(node: T): T => {
    nodes.set(node.id as string, node);
    return node;
  };
  const milestoneTitle = (number?: number) =>
    history.milestones.find((m) => m.number === number)?.title ?? null;
  const event = (e: HistoryEvent) => ({
    __typename: EVENT_TYPES[e.type],
    createdAt: e.at,
    actor: actor(e.actor),
    label: e.label ? { name: e.label } : null,
    // The published schema has no DUPLICATE state reason: GitHub shows the duplicate mark beside the close.
    stateReason: e.type === "closed" ? "COMPLETED" : null,
    milestoneTitle: e.type === "milestoned" ? milestoneTitle(e.milestone) : null,
  });
  const events = (number: number, list: HistoryEvent[]) =>
    list.flatMap((e) => [
      event(e),
      ...(e.type === "closed" && e.duplicate
        ? [
            {
              __typename: "MarkedAsDuplicateEvent",
              createdAt: e.at,
              actor: actor(e.actor),
              duplicate: { __typename: "Issue", number },
            },
          ]
        : []),
    ]);
  const issueComment = (url: string) => (c: HistoryComment) => ({
    __typename: "IssueComment",
    fullDatabaseId: String(c.id),
    url: `${url}#issuecomment-${c.id}`,
    createdAt: c.createdAt,
    authorAssociation: c.association,
    author: actor(c.author),
  });
  const labels = (names: string[]) => names.map((name) => ({ __typename: "Label", name }));
  const byUpdate = <T extends { updatedAt: string }>(items: T[]) =>
    [...items].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));

  const pullRequests = byUpdate(history.pullRequests).map((pr) => {
    const url = `${repoUrl}/pull/${pr.number}`;
    return register({
      __typename: "PullRequest",
      id: pr.nodeId,
      number: pr.number,
      title: historyTitle("pulls", pr.number),
      url,
      createdAt: pr.createdAt,
      updatedAt: pr.updatedAt,
      mergedAt: pr.mergedAt,
      isDraft: pr.draft && !pr.events.some((e) => e.type === "ready"),
      headRefOid: pr.headSha,
      mergeCommit: pr.mergeCommitSha ? { __typename: "Commit", oid: pr.mergeCommitSha } : null,
      authorAssociation: pr.association,
      author: actor(pr.author),
      labels: labels(pr.labels),
      files: pr.files.map((file) => ({ __typename: "PullRequestChangedFile", ...file })),
      reviews: pr.reviews.map((review) =>
        register({
          __typename: "PullRequestReview",
          id: review.nodeId,
          fullDatabaseId: String(review.id),
          state: review.state,
          body: review.body,
          submittedAt: review.submittedAt,
          url: `${url}#pullrequestreview-${review.id}`,
          // Reviewers are the organisation's members, as the webhook replay says too.
          authorAssociation: "MEMBER",
          author: actor(review.author),
          comments: review.comments.map((c) => ({
            __typename: "PullRequestReviewComment",
            fullDatabaseId: String(c.id),
            url: `${url}#discussion_r${c.id}`,
            createdAt: c.createdAt,
            author: actor(c.author),
          })),
        }),
      ),
      comments: pr.comments.map(issueComment(url)),
      commits: pr.commits.map((c) => ({
        __typename: "PullRequestCommit",
        commit: {
          __typename: "Commit",
          oid: c.sha,
          committedDate: c.at,
          // A commit's author resolves to a GitHub user; a bot's commits to none.
          author: {
            user:
              c.author.type === "User"
                ? { __typename: "User", login: c.author.login, databaseId: c.author.id }
                : null,
          },
        },
      })),
      timelineItems: events(pr.number, pr.events),
    });
  });

  const planning = planningTimelines(history, actor, repoUrl);
  const issues = byUpdate(history.issues).map((issue) => {
    const url = `${repoUrl}/issues/${issue.number}`;
    return register({
      __typename: "Issue",
      id: issue.nodeId,
      number: issue.number,
      title: historyTitle("issues", issue.number),
      url,
      createdAt: issue.createdAt,
      updatedAt: issue.updatedAt,
      body: issue.body,
      authorAssociation: issue.association,
      author: actor(issue.author),
      labels: labels(issue.labels),
      comments: issue.comments.map(issueComment(url)),
      // GitHub's timeline is in time order; planning events fall among the others.
      timelineItems: [...events(issue.number, issue.events), ...(planning.get(issue.number) ?? [])].sort(
        (a, b) => a.createdAt.localeCompare(b.createdAt),
      ),
    });
  });

  const commits = history.commits.map((commit) => ({
    __typename: "Commit",
    oid: commit.sha,
    url: `${repoUrl}/commit/${commit.sha}`,
    message: commit.message,
    authoredDate: commit.at,
    committedDate: commit.at,
    author: { user: { __typename: "User", login: commit.author.login, databaseId: commit.author.id } },
    associatedPullRequests:
      commit.pr === null
        ? []
        : [
            {
              number: commit.pr,
              mergedAt: history.pullRequests.find((pr) => pr.number === commit.pr)?.mergedAt,
            },
          ],
  }));

  const releases = history.releases.map((release) => ({
    __typename: "Release",
    databaseId: release.id,
    tagName: release.tag,
    url: `${repoUrl}/releases/tag/${release.tag}`,
    isDraft: false,
    createdAt: release.createdAt,
    publishedAt: release.publishedAt,
    author: { __typename: "User", login: release.author.login, databaseId: release.author.id },
  }));

  const discussions = byUpdate(history.discussions).map((discussion) => {
    const url = `${repoUrl}/discussions/${discussion.number}`;
    const comment = (c: HistoryComment) => ({
      __typename: "DiscussionComment",
      databaseId: c.id,
      url: `${url}#discussioncomment-${c.id}`,
      createdAt: c.createdAt,
      authorAssociation: c.association,
      author: actor(c.author),
    });
    const answered = discussion.comments.find((c) => c.id === discussion.answer?.commentId);
    return register({
      __typename: "Discussion",
      id: discussion.nodeId,
      number: discussion.number,
      title: historyTitle("discussions", discussion.number),
      url,
      createdAt: discussion.createdAt,
      updatedAt: discussion.updatedAt,
      authorAssociation: discussion.association,
      answerChosenAt: discussion.answer?.chosenAt ?? null,
      author: actor(discussion.author),
      answer: answered ? comment(answered) : null,
      labels: [],
      comments: discussion.comments.map((c) =>
        register({ ...comment(c), id: c.nodeId, replies: c.replies.map(comment) }),
      ),
    });
  });

  const repository = {
    __typename: "Repository",
    pullRequests,
    issues,
    releases,
    discussions,
    defaultBranchRef: {
      __typename: "Ref",
      name: history.repo.defaultBranch,
      target: { __typename: "Commit", history: commits },
    },
  };
  return { repository, nodes };
};
