import { beforeEach, describe, expect, it } from "vitest";
import type { Sql } from "../../src/store/db.js";
import { example, user } from "../helpers/examples.js";
import { mockGitHubReadsGenerously } from "../helpers/github-reads.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { ledgerRows } from "../helpers/ledger.js";
import {
  defaultBranchPushExample,
  discussionReplyExample,
  issueEvent as issueEventBy,
} from "../helpers/payloads.js";
import { createTestProbot, receive } from "../helpers/probot.js";
import { resetStore, storeKinds } from "../helpers/stores.js";

type Delivery = { id: string; name: string; payload: Record<string, any> };

const author = user("octowriter", 3001);
const maintainer = user("octomaintainer", 3002);
const reviewer = user("octoreviewer", 3003);
const lateReviewer = user("octolate", 3004);
const outsider = user("octovisitor", 3005);
const member = user("octomember", 3006);

/** A PR number `number` of `author`'s in the real payload `payload` (a `pull_request` carrier). */
const asPullRequest = (payload: Record<string, any>, number: number, createdAt = "2019-05-15T15:20:33Z") => {
  payload.number = number;
  payload.pull_request.number = number;
  payload.pull_request.html_url = `https://github.com/Codertocat/Hello-World/pull/${number}`;
  payload.pull_request.user = author;
  payload.pull_request.author_association = "CONTRIBUTOR";
  payload.pull_request.created_at = createdAt;
  return payload;
};

const review = (id: number, by: ReturnType<typeof user>, at: string, number = 2, createdAt?: string) => {
  const payload = asPullRequest(example("pull_request_review", "submitted"), number, createdAt);
  payload.review = {
    ...payload.review,
    id,
    user: by,
    state: "approved",
    body: "Thanks, this reads well.",
    submitted_at: at,
    html_url: `https://github.com/Codertocat/Hello-World/pull/${number}#pullrequestreview-${id}`,
  };
  payload.sender = by;
  return payload;
};

const issueEvent = (
  action: string,
  at: string,
  change: (payload: Record<string, any>) => void = () => {},
) => {
  const payload = issueEventBy(action, { author: outsider, sender: maintainer, at });
  change(payload);
  return payload;
};

const issueComment = (id: number, by: ReturnType<typeof user>, at: string, onPullRequest = false) => {
  const payload = example("issue_comment", "created");
  payload.issue.user = onPullRequest ? author : outsider;
  payload.issue.author_association = onPullRequest ? "CONTRIBUTOR" : "NONE";
  if (onPullRequest) {
    payload.issue.number = 2;
    payload.issue.pull_request = { url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/2" };
  }
  payload.comment = {
    ...payload.comment,
    id,
    user: by,
    author_association: "MEMBER",
    created_at: at,
    html_url: `https://github.com/Codertocat/Hello-World/issues/1#issuecomment-${id}`,
  };
  payload.sender = by;
  return payload;
};

const pushToDefaultBranch = () => {
  const payload = defaultBranchPushExample();
  const [template] = payload.commits;
  const commit = (id: string, message: string, files: string[], timestamp: string) => ({
    ...template,
    id,
    message,
    timestamp,
    url: `https://github.com/Codertocat/Hello-World/commit/${id}`,
    added: [],
    modified: files,
    removed: [],
  });
  payload.commits = [
    commit(
      "aaaa000000000000000000000000000000000001",
      "Document the queue",
      ["docs/queue.md", "README.md"],
      "2019-05-16T10:00:00Z",
    ),
    commit(
      "aaaa000000000000000000000000000000000002",
      "Tidy the CI (#12)",
      [".github/workflows/ci.yml"],
      "2019-05-16T10:05:00Z",
    ),
    commit(
      "aaaa000000000000000000000000000000000003",
      "Own the docs",
      ["CODEOWNERS"],
      "2019-05-16T10:10:00Z",
    ),
  ];
  payload.head_commit = payload.commits.at(-1);
  return payload;
};

const discussionReply = (id: number, by: ReturnType<typeof user>, at: string) => {
  const payload = discussionReplyExample();
  payload.discussion.user = outsider;
  payload.discussion.author_association = "NONE";
  payload.comment = { ...payload.comment, id, user: by, author_association: "MEMBER", created_at: at };
  payload.sender = by;
  return payload;
};

/** One delivery of every family, with the order-sensitive cases the store must settle. */
const batch = (): Delivery[] => {
  const merged = asPullRequest(example("pull_request", "closed"), 2);
  Object.assign(merged.pull_request, {
    merged: true,
    merged_at: "2019-05-19T12:00:00Z",
    closed_at: "2019-05-19T12:00:00Z",
  });
  merged.sender = maintainer;
  const closedUnmerged = asPullRequest(example("pull_request", "closed"), 3);
  closedUnmerged.pull_request.closed_at = "2019-05-17T09:00:00Z";
  closedUnmerged.sender = maintainer;
  const synchronize = asPullRequest(example("pull_request", "synchronize"), 2);
  synchronize.sender = reviewer;
  const inline = asPullRequest(example("pull_request_review_comment", "created"), 2);
  inline.comment = { ...inline.comment, id: 777, user: reviewer, author_association: "MEMBER" };
  inline.sender = reviewer;
  const labeled = issueEvent("labeled", "2019-05-16T09:00:00Z", (payload) => {
    payload.label = { ...payload.label, name: "good first issue" };
  });
  const assigned = issueEvent("assigned", "2019-05-16T11:00:00Z");
  const duplicate = issueEvent("closed", "2019-05-16T15:00:00Z", (payload) => {
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

  return [
    { id: "pr-merged", name: "pull_request", payload: merged },
    { id: "pr-closed", name: "pull_request", payload: closedUnmerged },
    { id: "pr-sync", name: "pull_request", payload: synchronize },
    {
      id: "review-early",
      name: "pull_request_review",
      payload: review(501, reviewer, "2019-05-16T10:00:00Z"),
    },
    {
      id: "review-late",
      name: "pull_request_review",
      payload: review(502, lateReviewer, "2019-05-18T10:00:00Z"),
    },
    { id: "review-inline", name: "pull_request_review_comment", payload: inline },
    { id: "issue-labeled", name: "issues", payload: labeled },
    { id: "issue-assigned", name: "issues", payload: assigned },
    { id: "issue-duplicate", name: "issues", payload: duplicate },
    {
      id: "comment-first",
      name: "issue_comment",
      payload: issueComment(601, member, "2019-05-16T08:00:00Z"),
    },
    {
      id: "comment-second",
      name: "issue_comment",
      payload: issueComment(602, maintainer, "2019-05-16T12:00:00Z"),
    },
    {
      id: "comment-pr",
      name: "issue_comment",
      payload: issueComment(603, member, "2019-05-17T08:00:00Z", true),
    },
    { id: "push", name: "push", payload: pushToDefaultBranch() },
    { id: "milestone-created", name: "milestone", payload: milestoneCreated },
    { id: "milestone-closed", name: "milestone", payload: milestoneClosed },
    { id: "release-published", name: "release", payload: published },
    { id: "release-released", name: "release", payload: released },
    { id: "discussion-answered", name: "discussion", payload: answered },
    {
      id: "reply-first",
      name: "discussion_comment",
      payload: discussionReply(701, member, "2021-03-30T20:21:30Z"),
    },
    {
      id: "reply-second",
      name: "discussion_comment",
      payload: discussionReply(702, maintainer, "2021-03-30T22:00:00Z"),
    },
  ];
};

/**
 * A draft PR opened on day 0, marked ready on day 3 and reviewed two hours later: the review
 * did not wait, so it is no stale review, whichever of the two deliveries arrives first.
 */
const readyThenReviewed = (): Delivery[] => {
  const ready = asPullRequest(example("pull_request", "ready_for_review"), 5, "2019-05-20T00:00:00Z");
  ready.pull_request.updated_at = "2019-05-23T00:00:00Z";
  ready.sender = author;
  return [
    { id: "pr-ready", name: "pull_request", payload: ready },
    {
      id: "review-after-ready",
      name: "pull_request_review",
      payload: review(503, reviewer, "2019-05-23T02:00:00Z", 5, "2019-05-20T00:00:00Z"),
    },
  ];
};

/** A small seeded generator (mulberry32), so a failing order can be replayed. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const shuffled = <T>(items: readonly T[], seed: number): T[] => {
  const next = random(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
};

/** The batch shuffled, with about a third of it delivered again (a redelivery keeps its id). */
const shuffledWithDuplicates = (deliveries: readonly Delivery[], seed: number): Delivery[] => {
  const next = random(seed * 7919);
  const again = deliveries.filter(() => next() < 0.35);
  return shuffled([...deliveries, ...again, ...again.slice(0, 2)], seed);
};

describe.each(storeKinds())("idempotent ledger on %s store", (kind) => {
  const store = useIntegrationStore(kind);
  beforeEach(() => {
    mockGitHubReadsGenerously();
  });

  /** The ledger after receiving `deliveries` in this order into an empty store. */
  const ledgerAfter = async (sql: Sql, deliveries: readonly Delivery[]) => {
    await resetStore(sql);
    const probot = createTestProbot(sql);
    for (const delivery of deliveries) await receive(probot, delivery.name, delivery.payload, delivery.id);
    return ledgerRows(sql);
  };

  it("records the batch received once in order as the expected credits", async () => {
    const rows = await ledgerAfter(store.sql, batch());
    expect(rows.map((row) => `${row.actor_login} ${row.rule}`).sort()).toEqual(
      [
        "Codertocat docs.push",
        "Codertocat ownership.codeowners",
        // "Tidy the CI (#12)" names a PR, but GitHub says no merged PR carries it: a direct push.
        "Codertocat process.files",
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
      ].sort(),
    );
  });

  it("gives the same ledger when the batch is received twice", async () => {
    const once = await ledgerAfter(store.sql, batch());
    expect(once.length).toBeGreaterThan(15);
    expect(await ledgerAfter(store.sql, [...batch(), ...batch()])).toEqual(once);
  });

  it("gives the same ledger when the batch is received in reverse order", async () => {
    const once = await ledgerAfter(store.sql, batch());
    expect(await ledgerAfter(store.sql, batch().reverse())).toEqual(once);
  });

  it.each([1, 2, 3, 4, 5])(
    "gives the same ledger when the batch is shuffled (seed %i) with duplicates",
    async (seed) => {
      const once = await ledgerAfter(store.sql, batch());
      expect(await ledgerAfter(store.sql, shuffledWithDuplicates(batch(), seed))).toEqual(once);
    },
  );

  it("credits a review two hours after ready_for_review as no stale review, in either order", async () => {
    const inOrder = await ledgerAfter(store.sql, readyThenReviewed());
    expect(inOrder.map((row) => row.rule)).toEqual(["review.submitted"]);
    expect(await ledgerAfter(store.sql, readyThenReviewed().reverse())).toEqual(inOrder);
  });

  it("gives the same ledger when a duplicate arrives under a new delivery id", async () => {
    const once = await ledgerAfter(store.sql, batch());
    const renamed = batch().map((delivery) => ({ ...delivery, id: `${delivery.id}-again` }));
    expect(await ledgerAfter(store.sql, [...shuffled(renamed, 9), ...batch()])).toEqual(once);
  });
});
