import { example, examplesOf, type fullUser } from "./examples.js";

/**
 * `sub_issues`, `issue_dependencies` and `issues.typed` payloads, which `@octokit/webhooks-examples`
 * has none of, built from the real `issues.opened` example's objects (repository, issue, sender)
 * as GitHub's webhook schema describes these events; tests check each against that schema.
 */

type Person = ReturnType<typeof fullUser>;

const OWNER_REPO = "Codertocat/Hello-World";

/** The organization object of the real examples (these events name one). */
const organization = () =>
  (examplesOf("issues").find((payload) => payload.organization)?.organization ??
    examplesOf("issue_comment").find((payload) => payload.organization)?.organization) as Record<
    string,
    unknown
  >;

/** Issue `number` of Hello-World, opened by `author`, last updated `at`. */
export const issueObject = (
  number: number,
  author: Person,
  at: string,
  { state = "open" as "open" | "closed", association = "NONE" } = {},
) => {
  const { issue } = example("issues", "opened");
  return {
    ...issue,
    id: 800_000 + number,
    node_id: `I_${number}`,
    number,
    title: `Issue ${number}`,
    url: `https://api.github.com/repos/${OWNER_REPO}/issues/${number}`,
    html_url: `https://github.com/${OWNER_REPO}/issues/${number}`,
    user: author,
    author_association: association,
    state,
    closed_at: state === "closed" ? at : null,
    created_at: "2026-03-01T08:00:00Z",
    updated_at: at,
  };
};

const envelope = (sender: Person) => {
  const opened = example("issues", "opened");
  return {
    installation: opened.installation,
    repository: opened.repository,
    organization: organization(),
    sender,
  };
};

/** `sub_issues.sub_issue_added` (or another action) by `sender`: `child` under `parent`. */
export const subIssuesPayload = (
  action: "sub_issue_added" | "sub_issue_removed" | "parent_issue_added" | "parent_issue_removed",
  {
    parent,
    child,
    sender,
  }: { parent: ReturnType<typeof issueObject>; child: ReturnType<typeof issueObject>; sender: Person },
) => {
  const base = envelope(sender);
  const toChild = action.startsWith("parent_issue");
  return {
    action,
    parent_issue_id: parent.id,
    parent_issue: parent,
    sub_issue_id: child.id,
    sub_issue: child,
    ...(toChild ? { parent_issue_repo: base.repository } : { sub_issue_repo: base.repository }),
    ...base,
  };
};

/** `issue_dependencies.blocked_by_added` (or another action) by `sender`: `blocked` waits on `blocking`. */
export const dependencyPayload = (
  action: "blocked_by_added" | "blocked_by_removed" | "blocking_added" | "blocking_removed",
  {
    blocked,
    blocking,
    sender,
  }: { blocked: ReturnType<typeof issueObject>; blocking: ReturnType<typeof issueObject>; sender: Person },
) => {
  const base = envelope(sender);
  const toBlocked = action.startsWith("blocked_by");
  return {
    action,
    blocked_issue_id: blocked.id,
    blocked_issue: blocked,
    blocking_issue_id: blocking.id,
    blocking_issue: blocking,
    ...(toBlocked ? { blocking_issue_repo: base.repository } : { blocked_issue_repo: base.repository }),
    ...base,
  };
};

/** `issues.typed` by `sender`: `issue` given the type `name`. */
export const typedPayload = (issue: ReturnType<typeof issueObject>, name: string, sender: Person) => ({
  ...example("issues", "opened"),
  action: "typed",
  issue,
  type: { id: 4100 + name.length, node_id: `IT_${name}`, name, description: `${name} work` },
  sender,
});

/** `issues.closed` by `sender` of `issue`, as completed at its `updated_at`. */
export const closedPayload = (issue: ReturnType<typeof issueObject>, sender: Person) => ({
  ...example("issues", "opened"),
  action: "closed",
  issue: { ...issue, state: "closed", closed_at: issue.updated_at, state_reason: "completed" },
  sender,
});
