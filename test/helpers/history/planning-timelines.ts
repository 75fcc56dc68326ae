import type { History, HistoryIssue, HistoryUser } from "./history-types.js";

type GraphqlActor = (who: HistoryUser) => Record<string, unknown>;
type TimelineEvent = Record<string, unknown> & { createdAt: string };

/** An issue's state now, as GraphQL gives it: its last close or reopen decides. */
const stateOf = (issue: HistoryIssue) => {
  const last = issue.events
    .filter((event) => event.type === "closed" || event.type === "reopened")
    .sort((a, b) => a.at.localeCompare(b.at))
    .at(-1);
  return last?.type === "closed" ? { state: "CLOSED", closedAt: last.at } : { state: "OPEN", closedAt: null };
};

/**
 * The timeline events of a history's sub-issues, dependencies and issue types, per issue number,
 * as GitHub's GraphQL API gives them: `SubIssueAddedEvent` on the parent, `BlockedByAddedEvent`
 * on the blocked issue, `BlockingAddedEvent` (and `BlockingRemovedEvent`) on the blocking one,
 * `IssueTypeAddedEvent` for an issue's first type and `IssueTypeChangedEvent` after.
 */
export const planningTimelines = (
  history: History,
  actor: GraphqlActor,
  repoUrl: string,
): Map<number, TimelineEvent[]> => {
  const repository = {
    __typename: "Repository",
    databaseId: history.repo.id,
    name: history.repo.name,
    isPrivate: history.repo.private,
    owner: { __typename: "Organization", login: history.repo.owner },
    defaultBranchRef: { __typename: "Ref", name: history.repo.defaultBranch },
  };
  const issue = (number: number) => {
    const found = history.issues.find((candidate) => candidate.number === number) as HistoryIssue;
    return {
      __typename: "Issue",
      number,
      url: `${repoUrl}/issues/${number}`,
      createdAt: found.createdAt,
      ...stateOf(found),
      authorAssociation: found.association,
      author: actor(found.author),
      repository,
    };
  };
  const timelines = new Map<number, TimelineEvent[]>();
  const add = (number: number, event: TimelineEvent) =>
    timelines.set(number, [...(timelines.get(number) ?? []), event]);
  for (const added of history.planning.subIssues) {
    add(added.parent, {
      __typename: "SubIssueAddedEvent",
      createdAt: added.at,
      actor: actor(added.actor),
      subIssue: issue(added.child),
    });
  }
  for (const dependency of history.planning.dependencies) {
    const by = { createdAt: dependency.at, actor: actor(dependency.actor) };
    add(dependency.blocked, {
      __typename: "BlockedByAddedEvent",
      ...by,
      blockingIssue: issue(dependency.blocking),
    });
    add(dependency.blocking, {
      __typename: "BlockingAddedEvent",
      ...by,
      blockedIssue: issue(dependency.blocked),
    });
    if (dependency.removed) {
      add(dependency.blocking, {
        __typename: "BlockingRemovedEvent",
        createdAt: dependency.removed.at,
        actor: actor(dependency.removed.actor),
        blockedIssue: issue(dependency.blocked),
      });
    }
  }
  const typed = new Set<number>();
  for (const typing of history.planning.types) {
    add(typing.issue, {
      __typename: typed.has(typing.issue) ? "IssueTypeChangedEvent" : "IssueTypeAddedEvent",
      createdAt: typing.at,
      actor: actor(typing.actor),
    });
    typed.add(typing.issue);
  }
  return timelines;
};
