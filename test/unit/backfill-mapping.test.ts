import { describe, expect, it } from "vitest";
import {
  commitNodeSchema,
  discussionNodeSchema,
  issueNodeSchema,
  pullRequestNodeSchema,
} from "../../src/backfill/history-schemas.js";
import { issueEntries } from "../../src/backfill/map-issue.js";
import { pullRequestEntries } from "../../src/backfill/map-pull-request.js";
import type { HistoryEntry, HistoryScope } from "../../src/backfill/map-refs.js";
import { commitEntry, discussionEntries } from "../../src/backfill/map-repository.js";
import { creditsFor, INSTALLATION, REPO } from "../helpers/activities.js";

const scope: HistoryScope = { installationId: INSTALLATION, repo: REPO, since: "2024-01-01T00:00:00.000Z" };
const URL = `https://github.com/${REPO.fullName}`;
const user = (login: string, databaseId: number) => ({ __typename: "User", login, databaseId });
const AUTHOR = user("author", 100);
const HELPER = user("helper", 200);
const list = <T>(nodes: T[]) => ({ pageInfo: { hasNextPage: false, endCursor: null }, nodes });

const pullRequest = (overrides: Record<string, unknown> = {}) =>
  pullRequestNodeSchema.parse({
    number: 7,
    url: `${URL}/pull/7`,
    createdAt: "2024-03-01T08:00:00Z",
    updatedAt: "2024-03-09T08:00:00Z",
    mergedAt: null,
    isDraft: false,
    headRefOid: "a".repeat(40),
    authorAssociation: "MEMBER",
    author: AUTHOR,
    labels: list([]),
    files: list([{ path: "src/index.ts", additions: 10, deletions: 2 }]),
    reviews: list([]),
    comments: list([]),
    timelineItems: list([]),
    ...overrides,
  });

const issue = (overrides: Record<string, unknown> = {}) =>
  issueNodeSchema.parse({
    number: 12,
    url: `${URL}/issues/12`,
    createdAt: "2024-03-01T09:00:00Z",
    updatedAt: "2024-03-05T09:00:00Z",
    body: "It breaks.",
    authorAssociation: "NONE",
    author: user("reporter", 300),
    labels: list([]),
    comments: list([]),
    timelineItems: list([]),
    ...overrides,
  });

const summary = (entries: HistoryEntry[]) =>
  entries.map(({ activity }) => {
    const detail =
      activity.type === "triage" ? activity.action : activity.type === "review" ? activity.pr.readyAt : "";
    return `${activity.type} ${activity.actor.login} ${activity.at} ${detail}`.trim();
  });

describe("pull request history → activities", () => {
  it("keys a review by its 64-bit id and credits it like the webhook review", () => {
    const node = pullRequest({
      reviews: list([
        {
          fullDatabaseId: "5000000001",
          state: "CHANGES_REQUESTED",
          body: "Please split this.",
          submittedAt: "2024-03-02T10:00:00Z",
          authorAssociation: "MEMBER",
          url: `${URL}/pull/7#pullrequestreview-5000000001`,
          author: HELPER,
          comments: list([
            {
              fullDatabaseId: "5000000002",
              url: `${URL}/pull/7#discussion_r5000000002`,
              createdAt: "2024-03-02T10:00:00Z",
              author: HELPER,
            },
          ]),
        },
        {
          fullDatabaseId: "5000000003",
          state: "PENDING",
          body: "",
          submittedAt: null,
          authorAssociation: "MEMBER",
          url: "",
          author: HELPER,
          comments: list([]),
        },
      ]),
    });
    const entries = pullRequestEntries(scope, node);
    expect(summary(entries)).toEqual([
      "review helper 2024-03-02T10:00:00.000Z 2024-03-01T08:00:00.000Z",
      "review_comment helper 2024-03-02T10:00:00.000Z",
    ]);
    const credits = entries.flatMap((entry) => creditsFor(entry.activity, { files: entry.files ?? [] }));
    expect(credits.map((credit) => [credit.sourceKey, credit.rule, credit.detail])).toEqual([
      ["review:5000000001", "review.submitted", "changes_requested"],
      ["review:review-comment:5000000002", "review.comment", undefined],
    ]);
  });

  it("names bots as webhooks do, and never credits them", () => {
    const node = pullRequest({
      comments: list([
        {
          fullDatabaseId: "77",
          url: `${URL}/pull/7#issuecomment-77`,
          createdAt: "2024-03-02T00:00:00Z",
          authorAssociation: "NONE",
          author: { __typename: "Bot", login: "dependabot", databaseId: 49699333 },
        },
      ]),
    });
    const [entry] = pullRequestEntries(scope, node);
    expect(entry?.activity.actor).toEqual({ login: "dependabot[bot]", id: 49699333, bot: true });
    expect(creditsFor(entry!.activity)).toEqual([]);
  });

  it("credits the merge to the author and skips the close that the merge made", () => {
    const closed = (at: string) => ({
      __typename: "ClosedEvent",
      createdAt: at,
      actor: HELPER,
      stateReason: null,
    });
    const node = pullRequest({
      mergedAt: "2024-03-08T00:00:00Z",
      timelineItems: list([
        closed("2024-03-03T00:00:00Z"),
        { __typename: "ReopenedEvent", createdAt: "2024-03-04T00:00:00Z", actor: HELPER },
        closed("2024-03-08T00:00:00Z"),
      ]),
    });
    expect(summary(pullRequestEntries(scope, node))).toEqual([
      "pr_merged author 2024-03-08T00:00:00.000Z",
      "triage helper 2024-03-03T00:00:00.000Z close",
      "triage helper 2024-03-04T00:00:00.000Z reopen",
    ]);
  });

  it("measures a review's wait from the last 'ready for review' before it, and not at all before a later one", () => {
    const review = (id: string, at: string) => ({
      fullDatabaseId: id,
      state: "APPROVED",
      body: "Fine.",
      submittedAt: at,
      authorAssociation: "MEMBER",
      url: `${URL}/pull/7#pullrequestreview-${id}`,
      author: HELPER,
      comments: list([]),
    });
    const node = pullRequest({
      reviews: list([review("1", "2024-03-02T00:00:00Z"), review("2", "2024-03-08T00:00:00Z")]),
      timelineItems: list([
        { __typename: "ReadyForReviewEvent", createdAt: "2024-03-05T00:00:00Z", actor: AUTHOR },
      ]),
    });
    expect(summary(pullRequestEntries(scope, node))).toEqual([
      "review helper 2024-03-02T00:00:00.000Z 2024-03-02T00:00:00.000Z",
      "review helper 2024-03-08T00:00:00.000Z 2024-03-05T00:00:00.000Z",
    ]);
  });

  it("leaves out what happened before the window", () => {
    const node = pullRequest({ mergedAt: "2023-12-31T23:59:59Z" });
    expect(pullRequestEntries(scope, node)).toEqual([]);
  });
});

describe("issue history → activities", () => {
  it("reads a close beside the same person's duplicate mark as closing as a duplicate", () => {
    const node = issue({
      timelineItems: list([
        {
          __typename: "ClosedEvent",
          createdAt: "2024-03-04T10:00:00Z",
          actor: HELPER,
          stateReason: "COMPLETED",
        },
        {
          __typename: "MarkedAsDuplicateEvent",
          createdAt: "2024-03-04T10:00:00Z",
          actor: HELPER,
          duplicate: { __typename: "Issue", number: 12 },
        },
        {
          __typename: "MarkedAsDuplicateEvent",
          createdAt: "2024-03-04T11:00:00Z",
          actor: HELPER,
          duplicate: { __typename: "Issue", number: 99 },
        },
      ]),
    });
    expect(summary(issueEntries(scope, node, new Map()))).toEqual([
      "tracking_issue reporter 2024-03-01T09:00:00.000Z",
      "triage helper 2024-03-04T10:00:00.000Z duplicate",
      "triage helper 2024-03-04T10:00:00.000Z duplicate",
    ]);
  });

  it("finds a milestone's REST id by its title, and credits a newcomer label as onboarding", () => {
    const node = issue({
      labels: list([{ name: "good first issue" }]),
      timelineItems: list([
        {
          __typename: "MilestonedEvent",
          createdAt: "2024-03-02T00:00:00Z",
          actor: HELPER,
          milestoneTitle: "v2",
        },
        {
          __typename: "MilestonedEvent",
          createdAt: "2024-03-02T00:00:00Z",
          actor: HELPER,
          milestoneTitle: "gone",
        },
        {
          __typename: "LabeledEvent",
          createdAt: "2024-03-03T00:00:00Z",
          actor: HELPER,
          label: { name: "good first issue" },
        },
      ]),
    });
    const milestones = new Map([["v2", { id: 4242, url: `${URL}/milestone/2` }]]);
    const entries = issueEntries(scope, node, milestones);
    const credits = entries.flatMap((entry) => creditsFor(entry.activity));
    expect(credits.map((credit) => credit.sourceKey)).toEqual([
      `milestoned:${REPO.fullName}#12:4242`,
      `triage:${REPO.fullName}#12:helper:2024-03-03`,
      `onboarding.label:${REPO.fullName}#12:good first issue`,
    ]);
  });
});

describe("repository history → activities", () => {
  const commit = (overrides: Record<string, unknown>) =>
    commitNodeSchema.parse({
      oid: "c".repeat(40),
      url: `${URL}/commit/${"c".repeat(40)}`,
      message: "Update CODEOWNERS",
      authoredDate: "2024-03-02T00:00:00Z",
      author: { user: { login: "author", databaseId: 100 } },
      associatedPullRequests: list([]),
      ...overrides,
    });

  it("credits a direct commit to its author, and a merged PR's commit to nobody", () => {
    const direct = commitEntry(scope, commit({}), ["CODEOWNERS"]);
    expect(direct.flatMap((entry) => creditsFor(entry.activity, entry)).map((c) => c.rule)).toEqual([
      "ownership.codeowners",
    ]);
    const merged = commitEntry(
      scope,
      commit({ associatedPullRequests: list([{ number: 3, mergedAt: "2024-03-02T00:00:00Z" }]) }),
      ["CODEOWNERS"],
    );
    expect(merged.flatMap((entry) => creditsFor(entry.activity, entry))).toEqual([]);
    expect(commitEntry(scope, commit({ author: { user: null } }), ["CODEOWNERS"])).toEqual([]);
  });

  it("credits an accepted answer and every member reply in a discussion", () => {
    const comment = (
      id: number,
      who: ReturnType<typeof user>,
      association: string,
      replies: unknown[] = [],
    ) => ({
      databaseId: id,
      url: `${URL}/discussions/3#discussioncomment-${id}`,
      createdAt: `2024-03-0${(id % 8) + 1}T00:00:00Z`,
      authorAssociation: association,
      author: who,
      replies: list(replies),
    });
    const node = discussionNodeSchema.parse({
      number: 3,
      url: `${URL}/discussions/3`,
      createdAt: "2024-03-01T00:00:00Z",
      updatedAt: "2024-03-06T00:00:00Z",
      authorAssociation: "NONE",
      answerChosenAt: "2024-03-06T00:00:00Z",
      author: user("asker", 300),
      answer: { databaseId: 11, url: `${URL}/discussions/3#discussioncomment-11`, author: HELPER },
      labels: list([]),
      comments: list([
        comment(11, HELPER, "MEMBER", [
          comment(12, user("asker", 300), "NONE"),
          comment(13, HELPER, "MEMBER"),
        ]),
      ]),
    });
    const credits = discussionEntries(scope, node).flatMap((entry) => creditsFor(entry.activity));
    expect(credits.map((credit) => [credit.sourceKey, credit.rule])).toEqual([
      ["accepted:11", "support.accepted"],
      ["support:discussion-comment:11", "support.answer"],
      ["support:discussion-comment:13", "support.answer"],
    ]);
  });
});
