/**
 * What GitHub's public GraphQL schema has and the published `@octokit/graphql-schema` (15.26.1,
 * whose introspection JSON the validator is built from) does not yet: the parts of sub-issues,
 * issue dependencies and issue types the importer asks for. Each
 * declaration mirrors GitHub's own (names, arguments, nullability, `implements`); types carry only
 * the fields the importer reads. The published package lags GitHub's schema, and queries are
 * validated against the package extended with this, never against a guess: the
 * `github-schema-extension` test checks that it only adds to the package and redefines nothing.
 * Once a release of the package carries these, delete what it carries here (that test then fails).
 */
export const GITHUB_SCHEMA_EXTENSION = /* GraphQL */ `
"""
Represents a 'blocked_by_added' event on a given issue.
"""
type BlockedByAddedEvent implements Node {
  actor: Actor
  blockingIssue: Issue
  createdAt: DateTime!
  id: ID!
}

"""
Represents a 'blocking_added' event on a given issue.
"""
type BlockingAddedEvent implements Node {
  actor: Actor
  blockedIssue: Issue
  createdAt: DateTime!
  id: ID!
}

"""
Represents a 'blocking_removed' event on a given issue.
"""
type BlockingRemovedEvent implements Node {
  actor: Actor
  blockedIssue: Issue
  createdAt: DateTime!
  id: ID!
}

"""
Represents a 'sub_issue_added' event on a given issue.
"""
type SubIssueAddedEvent implements Node {
  actor: Actor
  createdAt: DateTime!
  id: ID!
  subIssue: Issue
}

"""
Represents a 'issue_type_added' event on a given issue.
"""
type IssueTypeAddedEvent implements Node {
  actor: Actor
  createdAt: DateTime!
  id: ID!
}

"""
Represents a 'issue_type_changed' event on a given issue.
"""
type IssueTypeChangedEvent implements Node {
  actor: Actor
  createdAt: DateTime!
  id: ID!
}

extend union IssueTimelineItems =
  | BlockedByAddedEvent
  | BlockingAddedEvent
  | BlockingRemovedEvent
  | IssueTypeAddedEvent
  | IssueTypeChangedEvent
  | SubIssueAddedEvent

extend enum IssueTimelineItemsItemType {
  BLOCKED_BY_ADDED_EVENT
  BLOCKING_ADDED_EVENT
  BLOCKING_REMOVED_EVENT
  ISSUE_TYPE_ADDED_EVENT
  ISSUE_TYPE_CHANGED_EVENT
  SUB_ISSUE_ADDED_EVENT
}
`;
