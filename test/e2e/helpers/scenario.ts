import type { DoubleRepo } from "../../../src/github-double/state.js";
import { example, examplesOf, user } from "../../helpers/examples.js";
import type { Delivery } from "./deliver.js";
import type { GitHubDouble } from "./github-double.js";

/**
 * A realistic month of one repository, made of the real payloads of `@octokit/webhooks-examples`
 * moved into a repository and installation of the test's choosing: reviews, inline and
 * conversation comments, a merged PR with files, a closed PR, issue triage, a push to the
 * default branch, milestones, a release, and a discussion with answers.
 */

export const EXAMPLE_REPO = "Codertocat/Hello-World";

export const author = user("octowriter", 3001);
export const maintainer = user("octomaintainer", 3002);
export const reviewer = user("octoreviewer", 3003);
export const lateReviewer = user("octolate", 3004);
export const outsider = user("octovisitor", 3005);
export const member = user("octomember", 3006);

/** The head sha of PR `number` in every payload about it. */
export const headOf = (number: number): string => String(number).padStart(40, "c");

type Payload = Record<string, any>;

/** The payload moved into `repo` of its installation: the repository object, URLs and ids. */
export const retarget = (payload: Payload, repo: DoubleRepo): Payload => {
  const fullName = `${repo.owner}/${repo.name}`;
  const moved = JSON.parse(JSON.stringify(payload).replaceAll(EXAMPLE_REPO, fullName)) as Payload;
  if (moved.repository) {
    Object.assign(moved.repository, {
      id: repo.id,
      name: repo.name,
      full_name: fullName,
      private: repo.private,
      visibility: repo.private ? "private" : "public",
    });
    moved.repository.owner = { ...moved.repository.owner, login: repo.owner };
  }
  moved.installation = { id: repo.installationId, node_id: `I_${repo.installationId}` };
  return moved;
};

const asPullRequest = (payload: Payload, number: number) => {
  payload.number = number;
  payload.pull_request.number = number;
  payload.pull_request.html_url = `https://github.com/${EXAMPLE_REPO}/pull/${number}`;
  payload.pull_request.user = author;
  payload.pull_request.author_association = "CONTRIBUTOR";
  payload.pull_request.created_at = "2019-05-15T15:20:33Z";
  payload.pull_request.head = { ...payload.pull_request.head, sha: headOf(number) };
  return payload;
};

const review = (id: number, by: ReturnType<typeof user>, at: string, number = 2) => {
  const payload = asPullRequest(example("pull_request_review", "submitted"), number);
  payload.review = {
    ...payload.review,
    id,
    user: by,
    state: "approved",
    body: "Thanks, this reads well.",
    submitted_at: at,
    html_url: `https://github.com/${EXAMPLE_REPO}/pull/${number}#pullrequestreview-${id}`,
  };
  payload.sender = by;
  return payload;
};

const issueEvent = (action: string, at: string, change: (payload: Payload) => void = () => {}) => {
  const payload = example("issues", action === "closed" ? "reopened" : action);
  payload.action = action;
  payload.issue.user = outsider;
  payload.issue.author_association = "NONE";
  payload.issue.updated_at = at;
  payload.sender = maintainer;
  change(payload);
  return payload;
};

const issueComment = (id: number, by: ReturnType<typeof user>, at: string, onPullRequest = false) => {
  const payload = example("issue_comment", "created");
  payload.issue.user = onPullRequest ? author : outsider;
  payload.issue.author_association = onPullRequest ? "CONTRIBUTOR" : "NONE";
  if (onPullRequest) {
    payload.issue.number = 2;
    payload.issue.pull_request = { url: `https://api.github.com/repos/${EXAMPLE_REPO}/pulls/2` };
  }
  payload.comment = {
    ...payload.comment,
    id,
    user: by,
    author_association: "MEMBER",
    created_at: at,
    body: "Here is how to run it locally.",
    html_url: `https://github.com/${EXAMPLE_REPO}/issues/1#issuecomment-${id}`,
  };
  payload.sender = by;
  return payload;
};

/** Commits on the default branch: a docs change, a squash-merged PR, a CODEOWNERS change. */
export const PUSHED = {
  docs: "aaaa000000000000000000000000000000000001",
  merged: "aaaa000000000000000000000000000000000002",
  owners: "aaaa000000000000000000000000000000000003",
};

const pushToDefaultBranch = () => {
  const payload = structuredClone(
    examplesOf("push").find((p) => p.ref === "refs/heads/master" && p.installation) as Payload,
  );
  const [template] = payload.commits;
  const commit = (id: string, message: string, files: string[], timestamp: string) => ({
    ...template,
    id,
    message,
    timestamp,
    url: `https://github.com/${EXAMPLE_REPO}/commit/${id}`,
    added: [],
    modified: files,
    removed: [],
  });
  payload.commits = [
    commit(PUSHED.docs, "Document the queue", ["docs/queue.md", "README.md"], "2019-05-16T10:00:00Z"),
    commit(PUSHED.merged, "Tidy the CI (#12)", [".github/workflows/ci.yml"], "2019-05-16T10:05:00Z"),
    commit(PUSHED.owners, "Own the docs", ["CODEOWNERS"], "2019-05-16T10:10:00Z"),
  ];
  payload.head_commit = payload.commits.at(-1);
  return payload;
};

const discussionReply = (id: number, by: ReturnType<typeof user>, at: string) => {
  const payload = structuredClone(
    examplesOf("discussion_comment").find((p) => p.action === "created" && p.installation) as Payload,
  );
  payload.discussion.user = outsider;
  payload.discussion.author_association = "NONE";
  payload.comment = { ...payload.comment, id, user: by, author_association: "MEMBER", created_at: at };
  payload.sender = by;
  return payload;
};

/** The PRs of the month: #2 merged (docs mostly), #3 closed unmerged. */
export const MERGED_PR = 2;
export const CLOSED_PR = 3;

/** One delivery of every family, with ids unique to the repository's installation. */
export const monthOf = (repo: DoubleRepo): Delivery[] => {
  const merged = asPullRequest(example("pull_request", "closed"), MERGED_PR);
  Object.assign(merged.pull_request, {
    merged: true,
    merged_at: "2019-05-19T12:00:00Z",
    closed_at: "2019-05-19T12:00:00Z",
  });
  merged.sender = maintainer;
  const closedUnmerged = asPullRequest(example("pull_request", "closed"), CLOSED_PR);
  closedUnmerged.pull_request.closed_at = "2019-05-17T09:00:00Z";
  closedUnmerged.sender = maintainer;
  const synchronize = asPullRequest(example("pull_request", "synchronize"), MERGED_PR);
  synchronize.sender = reviewer;
  const inline = asPullRequest(example("pull_request_review_comment", "created"), MERGED_PR);
  inline.comment = { ...inline.comment, id: 777, user: reviewer, author_association: "MEMBER" };
  inline.sender = reviewer;
  const labeled = issueEvent("labeled", "2019-05-16T09:00:00Z", (payload) => {
    payload.label = { ...payload.label, name: "good first issue" };
  });
  const assigned = issueEvent("assigned", "2019-05-16T11:00:00Z");
  const duplicate = issueEvent("closed", "2019-05-16T15:00:00Z", (payload) => {
    payload.issue.state = "closed";
    payload.issue.closed_at = "2019-05-16T15:00:00Z";
    payload.issue.state_reason = "duplicate";
  });
  const milestoneCreated = example("milestone", "created");
  milestoneCreated.sender = maintainer;
  const milestoneClosed = example("milestone", "closed");
  milestoneClosed.sender = maintainer;
  const published = example("release", "published");
  published.sender = maintainer;
  const released = example("release", "released");
  released.sender = maintainer;
  const answered = example("discussion", "answered");

  const deliveries: [string, string, Payload][] = [
    ["pr-merged", "pull_request", merged],
    ["pr-closed", "pull_request", closedUnmerged],
    ["pr-sync", "pull_request", synchronize],
    ["review-early", "pull_request_review", review(501, reviewer, "2019-05-16T10:00:00Z")],
    ["review-late", "pull_request_review", review(502, lateReviewer, "2019-05-18T10:00:00Z")],
    ["review-inline", "pull_request_review_comment", inline],
    ["issue-labeled", "issues", labeled],
    ["issue-assigned", "issues", assigned],
    ["issue-duplicate", "issues", duplicate],
    ["comment-first", "issue_comment", issueComment(601, member, "2019-05-16T08:00:00Z")],
    ["comment-second", "issue_comment", issueComment(602, maintainer, "2019-05-16T12:00:00Z")],
    ["comment-pr", "issue_comment", issueComment(603, member, "2019-05-17T08:00:00Z", true)],
    ["push", "push", pushToDefaultBranch()],
    ["milestone-created", "milestone", milestoneCreated],
    ["milestone-closed", "milestone", milestoneClosed],
    ["release-published", "release", published],
    ["release-released", "release", released],
    ["discussion-answered", "discussion", answered],
    ["reply-first", "discussion_comment", discussionReply(701, member, "2021-03-30T20:21:30Z")],
    ["reply-second", "discussion_comment", discussionReply(702, maintainer, "2021-03-30T22:00:00Z")],
  ];
  return deliveries.map(([id, name, payload]) => ({
    id: `${repo.installationId}-${repo.id}-${id}`,
    name,
    payload: retarget(payload, repo),
  }));
};

/**
 * What the rules credit for the month, as `login rule` pairs: the merged PR is mostly
 * docs by changed lines (docs.pr), the reviewer's push to the author's branch unblocks, the
 * first member answer to an outsider is the first response, the squash-merged commit is
 * credited through its PR (not as a push), and labelling `good first issue` on someone else's
 * issue is triage and onboarding. The integration suite pins the same pairs with probot.receive.
 */
export const EXPECTED_CREDITS = [
  "Codertocat docs.push",
  "Codertocat ownership.codeowners",
  "dan2wik support.accepted",
  "octolate review.submitted",
  "octomaintainer onboarding.label",
  "octomaintainer planning.milestone",
  "octomaintainer planning.milestone",
  "octomaintainer release.published",
  "octomaintainer support.answer",
  "octomaintainer support.answer",
  "octomaintainer triage.close",
  "octomaintainer triage.label",
  "octomember review.discussion",
  "octomember support.first-response",
  "octomember support.first-response",
  "octoreviewer review.comment",
  "octoreviewer review.submitted",
  "octoreviewer unblock.push",
  "octowriter docs.pr",
];

/** The ledger lines (`login rule owner/name`) the month gives for `repo`. */
export const expectedLedger = (repo: DoubleRepo): string[] =>
  EXPECTED_CREDITS.map((line) => `${line} ${repo.owner}/${repo.name}`).sort();

/** Registers the repository and its PRs with the double, as GitHub would hold them. */
export const registerMonth = (double: GitHubDouble, repo: DoubleRepo): void => {
  const name = `${repo.owner}/${repo.name}`;
  double.addRepo(repo);
  double.addPull(name, {
    number: MERGED_PR,
    headSha: headOf(MERGED_PR),
    author: author.login,
    merged: true,
    files: [
      { filename: "README.md", additions: 3, deletions: 1 },
      { filename: "src/index.ts", additions: 1, deletions: 0 },
    ],
  });
  double.addPull(name, {
    number: CLOSED_PR,
    headSha: headOf(CLOSED_PR),
    author: author.login,
    merged: false,
    files: [{ filename: "src/index.ts", additions: 10, deletions: 2 }],
  });
  // GitHub says which pushed commit a merged PR carries: the squash-merged one, credited through
  // its PR. Its message "(#12)" alone would prove nothing.
  double.setCommitPulls(name, PUSHED.merged, [{ number: 12, merged_at: "2019-05-16T10:05:00Z" }]);
};

/** A repository in installation `installationId`. */
export const repoOf = (
  installationId: number,
  id: number,
  owner: string,
  name: string,
  isPrivate = false,
): DoubleRepo => ({ id, owner, name, private: isPrivate, installationId });

/** Deliveries about PR `number` alone: it is merged, and `reviewer` reviewed it. */
export const pullRequestStory = (repo: DoubleRepo, number: number): Delivery[] => {
  const merged = asPullRequest(example("pull_request", "closed"), number);
  Object.assign(merged.pull_request, {
    merged: true,
    merged_at: "2019-05-19T12:00:00Z",
    closed_at: "2019-05-19T12:00:00Z",
  });
  merged.sender = maintainer;
  return [
    {
      id: `${repo.installationId}-pr-${number}-review`,
      name: "pull_request_review",
      payload: retarget(review(900 + number, reviewer, "2019-05-16T10:00:00Z", number), repo),
    },
    {
      id: `${repo.installationId}-pr-${number}-merged`,
      name: "pull_request",
      payload: retarget(merged, repo),
    },
  ];
};

/** The deliveries with every mention of login `from` (in payloads and URLs) changed to `to`. */
export const withActor = (deliveries: readonly Delivery[], from: string, to: string): Delivery[] =>
  deliveries.map((delivery) => ({
    ...delivery,
    payload: JSON.parse(JSON.stringify(delivery.payload).replaceAll(`"${from}"`, `"${to}"`)) as unknown,
  }));

/** The people of the month's payloads, by login: the same account (user id) in every payload. */
const PEOPLE = [author, maintainer, reviewer, lateReviewer, outsider, member];

/**
 * A `/gluework <command>` comment by member `by` on an outsider's issue of `repo`: as a comment
 * it would also earn `by` a support credit. `by` is the account the month's payloads know by
 * that login, unless `userId` names another (one that took the login later).
 */
export const commandComment = (
  repo: DoubleRepo,
  id: number,
  by: string,
  body: string,
  userId = PEOPLE.find((person) => person.login === by)?.id ?? 4000 + id,
): Delivery => {
  const payload = example("issue_comment", "created");
  payload.issue.user = outsider;
  payload.issue.author_association = "NONE";
  payload.comment = { ...payload.comment, id, body, user: user(by, userId), author_association: "MEMBER" };
  payload.sender = user(by, userId);
  return {
    id: `${repo.installationId}-command-${id}`,
    name: "issue_comment",
    payload: retarget(payload, repo),
  };
};
