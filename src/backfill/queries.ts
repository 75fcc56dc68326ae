/**
 * The GraphQL documents the importer sends, checked against GitHub's published schema by
 * `test/unit/backfill-queries.test.ts`. GitHub charges a nested list per parent, whatever its
 * size, so nested lists are asked for generously (fewer follow-ups) as long as a page of 100
 * pull requests stays far below the 500,000-node limit (about 53,000) and at about 16 points;
 * only lists within lists (a review's comments) multiply the cost. Longer lists are continued
 * by follow-up queries (see follow-up-query.ts).
 */

export const PAGE_INFO = "pageInfo { hasNextPage endCursor }";

/** Who did something: bots carry `[bot]` in webhooks, not in GraphQL, so the type is asked for. */
export const ACTOR = "__typename login ... on User { databaseId } ... on Bot { databaseId }";

/** Nested page sizes of the first read; a longer list is continued by follow-up queries. */
export const NESTED = {
  labels: 20,
  files: 100,
  reviews: 10,
  reviewComments: 30,
  comments: 50,
  timeline: 50,
  discussionComments: 30,
  replies: 10,
  commits: 30,
} as const;

export const LABEL_FIELDS = "name";
export const FILE_FIELDS = "path additions deletions";
export const REVIEW_COMMENT_FIELDS = `fullDatabaseId url createdAt author { ${ACTOR} }`;
/** A PR's commit and its author's account (pushes to someone else's PR branch). */
export const PULL_REQUEST_COMMIT_FIELDS = "commit { oid committedDate author { user { login databaseId } } }";
export const ISSUE_COMMENT_FIELDS = `fullDatabaseId url createdAt authorAssociation author { ${ACTOR} }`;

export const reviewFields = (comments: number) => `
  __typename id fullDatabaseId state body submittedAt url authorAssociation author { ${ACTOR} }
  comments(first: ${comments}) { ${PAGE_INFO} nodes { ${REVIEW_COMMENT_FIELDS} } }`;

const EVENT = `createdAt actor { ${ACTOR} }`;

/** Timeline events both issues and pull requests can have. */
const COMMON_EVENTS = `
  __typename
  ... on LabeledEvent { ${EVENT} label { name } }
  ... on AssignedEvent { ${EVENT} }
  ... on ClosedEvent { ${EVENT} stateReason }
  ... on ReopenedEvent { ${EVENT} }
  ... on LockedEvent { ${EVENT} }`;

export const PULL_REQUEST_EVENT_TYPES =
  "[LABELED_EVENT, ASSIGNED_EVENT, CLOSED_EVENT, REOPENED_EVENT, LOCKED_EVENT, READY_FOR_REVIEW_EVENT]";
export const PULL_REQUEST_EVENTS = `${COMMON_EVENTS}
  ... on ReadyForReviewEvent { ${EVENT} }`;

/**
 * The other issue of a sub-issue or dependency event: enough to name it as webhooks do, to key
 * a dependency record by its repository, and to tell whether it was still open.
 */
const LINKED_ISSUE = `number url createdAt state closedAt authorAssociation author { ${ACTOR} }
  repository { databaseId name isPrivate owner { login } defaultBranchRef { name } }`;

export const ISSUE_EVENT_TYPES =
  "[LABELED_EVENT, ASSIGNED_EVENT, CLOSED_EVENT, REOPENED_EVENT, LOCKED_EVENT, MILESTONED_EVENT, TRANSFERRED_EVENT, MARKED_AS_DUPLICATE_EVENT, SUB_ISSUE_ADDED_EVENT, BLOCKED_BY_ADDED_EVENT, BLOCKING_ADDED_EVENT, BLOCKING_REMOVED_EVENT, ISSUE_TYPE_ADDED_EVENT, ISSUE_TYPE_CHANGED_EVENT]";
/**
 * An issue's events: triage, milestones, and planning — a sub-issue added to it, it recorded as
 * blocked by another, another recorded (or no longer) as blocked by it, its type set or changed.
 */
export const ISSUE_EVENTS = `${COMMON_EVENTS}
  ... on MilestonedEvent { ${EVENT} milestoneTitle }
  ... on TransferredEvent { ${EVENT} fromRepository { nameWithOwner } }
  ... on MarkedAsDuplicateEvent { ${EVENT} duplicate { __typename ... on Issue { number } } }
  ... on SubIssueAddedEvent { ${EVENT} subIssue { ${LINKED_ISSUE} } }
  ... on BlockedByAddedEvent { ${EVENT} blockingIssue { ${LINKED_ISSUE} } }
  ... on BlockingAddedEvent { ${EVENT} blockedIssue { ${LINKED_ISSUE} } }
  ... on BlockingRemovedEvent { ${EVENT} blockedIssue { ${LINKED_ISSUE} } }
  ... on IssueTypeAddedEvent { ${EVENT} }
  ... on IssueTypeChangedEvent { ${EVENT} }`;

const RATE_LIMIT = "rateLimit { cost remaining resetAt }";

const PULL_REQUEST_FIELDS = `
  __typename id number title url createdAt updatedAt mergedAt isDraft headRefOid authorAssociation
  mergeCommit { oid }
  author { ${ACTOR} }
  labels(first: ${NESTED.labels}) { ${PAGE_INFO} nodes { ${LABEL_FIELDS} } }
  files(first: ${NESTED.files}) { ${PAGE_INFO} nodes { ${FILE_FIELDS} } }
  reviews(first: ${NESTED.reviews}) { ${PAGE_INFO} nodes { ${reviewFields(NESTED.reviewComments)} } }
  comments(first: ${NESTED.comments}) { ${PAGE_INFO} nodes { ${ISSUE_COMMENT_FIELDS} } }
  commits(first: ${NESTED.commits}) { ${PAGE_INFO} nodes { ${PULL_REQUEST_COMMIT_FIELDS} } }
  timelineItems(first: ${NESTED.timeline}, itemTypes: ${PULL_REQUEST_EVENT_TYPES}) {
    ${PAGE_INFO} nodes { ${PULL_REQUEST_EVENTS} }
  }`;

/** Pull requests, most recently updated first: the importer stops at the window's start. */
export const PULL_REQUESTS_QUERY = `
query BackfillPullRequests($owner: String!, $name: String!, $first: Int!, $after: String) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    pullRequests(first: $first, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) {
      ${PAGE_INFO}
      nodes { ${PULL_REQUEST_FIELDS} }
    }
  }
}`;

const ISSUE_FIELDS = `
  __typename id number title url createdAt updatedAt body authorAssociation
  author { ${ACTOR} }
  labels(first: ${NESTED.labels}) { ${PAGE_INFO} nodes { ${LABEL_FIELDS} } }
  comments(first: ${NESTED.comments}) { ${PAGE_INFO} nodes { ${ISSUE_COMMENT_FIELDS} } }
  timelineItems(first: ${NESTED.timeline}, itemTypes: ${ISSUE_EVENT_TYPES}) {
    ${PAGE_INFO} nodes { ${ISSUE_EVENTS} }
  }`;

/** Issues (not pull requests) updated since the window's start. */
export const ISSUES_QUERY = `
query BackfillIssues($owner: String!, $name: String!, $first: Int!, $after: String, $since: DateTime!) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    issues(first: $first, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }, filterBy: { since: $since }) {
      ${PAGE_INFO}
      nodes { ${ISSUE_FIELDS} }
    }
  }
}`;

/** Commits on the default branch since the window's start, with the merged PR that brought each in. */
export const COMMITS_QUERY = `
query BackfillCommits($owner: String!, $name: String!, $first: Int!, $after: String, $since: GitTimestamp!) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    defaultBranchRef {
      target {
        ... on Commit {
          history(first: $first, after: $after, since: $since) {
            ${PAGE_INFO}
            nodes {
              oid url message authoredDate
              author { user { login databaseId } }
              associatedPullRequests(first: 1) { nodes { number mergedAt } }
            }
          }
        }
      }
    }
  }
}`;

/** Releases, newest first. */
export const RELEASES_QUERY = `
query BackfillReleases($owner: String!, $name: String!, $first: Int!, $after: String) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    releases(first: $first, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {
      ${PAGE_INFO}
      nodes { databaseId tagName name url isDraft createdAt publishedAt author { login databaseId } }
    }
  }
}`;

export const DISCUSSION_COMMENT_FIELDS = `databaseId url createdAt authorAssociation author { ${ACTOR} }`;

export const discussionCommentFields = (replies: number) => `
  __typename id ${DISCUSSION_COMMENT_FIELDS}
  replies(first: ${replies}) { ${PAGE_INFO} nodes { ${DISCUSSION_COMMENT_FIELDS} } }`;

/** Discussions, most recently updated first, with their accepted answer and replies (support rules). */
export const DISCUSSIONS_QUERY = `
query BackfillDiscussions($owner: String!, $name: String!, $first: Int!, $after: String) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    discussions(first: $first, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) {
      ${PAGE_INFO}
      nodes {
        __typename id number title url createdAt updatedAt authorAssociation answerChosenAt
        author { ${ACTOR} }
        answer { databaseId url author { ${ACTOR} } }
        labels(first: ${NESTED.labels}) { ${PAGE_INFO} nodes { ${LABEL_FIELDS} } }
        comments(first: ${NESTED.discussionComments}) {
          ${PAGE_INFO} nodes { ${discussionCommentFields(NESTED.replies)} }
        }
      }
    }
  }
}`;

export const PAGE_QUERIES = {
  pull_requests: PULL_REQUESTS_QUERY,
  issues: ISSUES_QUERY,
  commits: COMMITS_QUERY,
  releases: RELEASES_QUERY,
  discussions: DISCUSSIONS_QUERY,
} as const;
