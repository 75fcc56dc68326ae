import { describe, expect, it } from "vitest";
import { example, user } from "../helpers/examples.js";
import { mockPullRequestFilesOptionally } from "../helpers/github-reads.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { creditDetails, credited } from "../helpers/ledger.js";
import { asComment, type Comment } from "../helpers/payloads.js";
import { createTestProbot, mockNoConfig, mockPullRequestFiles, receive } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";

const OWNER = "Codertocat";
const REPO = "Hello-World";

const outsider = user("octovisitor", 9101);
const member = user("octomember", 9102);
const otherMember = user("octolead", 9103);
const bots = [
  ["a user of type Bot", user("support-assistant", 9190, "Bot")],
  ["a login ending in [bot]", user("stale[bot]", 9191)],
] as const;

/** The real `issue_comment.created` example: `by` comments on an issue opened by `author`. */
const commentOnIssue = (options: Partial<Comment> = {}) => {
  const comment: Comment = {
    author: outsider,
    authorAssociation: "NONE",
    by: member,
    association: "MEMBER",
    id: 492700400,
    at: "2019-05-15T15:20:21Z",
    ...options,
  };
  const url = `https://github.com/Codertocat/Hello-World/issues/1#issuecomment-${comment.id}`;
  return asComment(example("issue_comment", "created"), "issue", comment, url);
};

/** The same example on pull request #2's conversation. */
const commentOnPullRequest = (options: Partial<Comment> = {}) => {
  const payload = commentOnIssue({ authorAssociation: "CONTRIBUTOR", ...options });
  payload.issue.number = 2;
  payload.issue.html_url = "https://github.com/Codertocat/Hello-World/pull/2";
  payload.issue.pull_request = {
    url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/2",
    html_url: "https://github.com/Codertocat/Hello-World/pull/2",
    diff_url: "https://github.com/Codertocat/Hello-World/pull/2.diff",
    patch_url: "https://github.com/Codertocat/Hello-World/pull/2.patch",
    merged_at: null,
  };
  payload.comment.html_url = payload.comment.html_url.replace("/issues/1", "/pull/2");
  return payload;
};

describe.each(storeKinds())("issue_comment on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  describe("on an issue", () => {
    it("credits a member's first comment on an outsider's issue as support.first-response, the next as support.answer", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      await receive(probot, "issue_comment", commentOnIssue({ id: 1001, at: "2019-05-15T15:20:21Z" }));
      await receive(
        probot,
        "issue_comment",
        commentOnIssue({ id: 1002, by: otherMember, association: "OWNER", at: "2019-05-15T16:00:00Z" }),
      );
      const rows = await creditDetails(store.sql);
      expect(rows.map((row) => [row.actor_login, row.category, row.rule, row.weight, row.url])).toEqual([
        [
          "octomember",
          "support",
          "support.first-response",
          1,
          "https://github.com/Codertocat/Hello-World/issues/1#issuecomment-1001",
        ],
        [
          "octolead",
          "support",
          "support.answer",
          0.5,
          "https://github.com/Codertocat/Hello-World/issues/1#issuecomment-1002",
        ],
      ]);
    });

    it("makes the earlier comment the first response when the later one is delivered first", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      await receive(
        probot,
        "issue_comment",
        commentOnIssue({
          id: 1002,
          by: otherMember,
          association: "COLLABORATOR",
          at: "2019-05-15T16:00:00Z",
        }),
      );
      await receive(probot, "issue_comment", commentOnIssue({ id: 1001, at: "2019-05-15T15:20:21Z" }));
      expect(await credited(store.sql)).toEqual([
        ["octomember", "support.first-response"],
        ["octolead", "support.answer"],
      ]);
    });

    it("credits nothing for a comment by an outsider, on a member's issue, or on your own issue", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      await receive(
        probot,
        "issue_comment",
        commentOnIssue({ id: 1, by: user("octoguest", 9104), association: "NONE" }),
      );
      await receive(
        probot,
        "issue_comment",
        commentOnIssue({ id: 2, author: otherMember, authorAssociation: "MEMBER" }),
      );
      await receive(
        probot,
        "issue_comment",
        commentOnIssue({ id: 3, author: member, authorAssociation: "NONE", by: member }),
      );
      expect(await credited(store.sql)).toEqual([]);
    });

    it("credits a comment on someone else's issue labelled `blocked` as unblock.label", async () => {
      const probot = createTestProbot(store.sql);
      const payload = commentOnIssue({ author: otherMember, authorAssociation: "MEMBER" });
      payload.issue.labels = [{ ...payload.issue.labels[0], name: "blocked" }];
      mockNoConfig(OWNER, REPO);
      await receive(probot, "issue_comment", payload);
      expect(await credited(store.sql)).toEqual([["octomember", "unblock.label"]]);
    });

    it("credits edited and deleted comments nothing", async () => {
      const probot = createTestProbot(store.sql);
      for (const action of ["edited", "deleted"]) {
        const payload = commentOnIssue();
        payload.action = action;
        await receive(probot, "issue_comment", payload);
      }
      expect(await credited(store.sql)).toEqual([]);
    });

    it.each(bots)("credits nothing when the commenter is %s", async (_, bot) => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      await receive(probot, "issue_comment", commentOnIssue({ by: bot, association: "MEMBER" }));
      expect(await credited(store.sql)).toEqual([]);
    });
  });

  describe("on a pull request", () => {
    it("credits a comment on someone else's PR as review.discussion", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      mockPullRequestFiles(OWNER, REPO, 2, [{ filename: "src/index.ts", additions: 12, deletions: 3 }]);
      await receive(probot, "issue_comment", commentOnPullRequest());
      const rows = await creditDetails(store.sql);
      expect(
        rows.map((row) => [row.actor_login, row.category, row.rule, row.subject_type, row.subject_key]),
      ).toEqual([
        ["octomember", "code-review", "review.discussion", "pull_request", "Codertocat/Hello-World#2"],
      ]);
    });

    it("credits a comment on a newcomer's PR as review.discussion and mentor.newcomer", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      mockPullRequestFiles(OWNER, REPO, 2, [{ filename: "src/index.ts", additions: 12, deletions: 3 }]);
      await receive(
        probot,
        "issue_comment",
        commentOnPullRequest({ authorAssociation: "FIRST_TIME_CONTRIBUTOR" }),
      );
      const rows = await creditDetails(store.sql);
      expect(rows.map((row) => [row.actor_login, row.category, row.rule]).sort()).toEqual([
        ["octomember", "code-review", "review.discussion"],
        ["octomember", "onboarding", "mentor.newcomer"],
      ]);
    });

    it("credits a comment on a PR that changes a design document as review.design", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      mockPullRequestFiles(OWNER, REPO, 2, [
        { filename: "docs/rfcs/0003-ledger.md", additions: 90, deletions: 0 },
      ]);
      await receive(probot, "issue_comment", commentOnPullRequest());
      expect(await credited(store.sql)).toEqual([["octomember", "review.design"]]);
    });

    it("credits an inline review comment and a conversation comment that share a numeric id both", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      mockPullRequestFiles(OWNER, REPO, 2, [{ filename: "src/index.ts", additions: 12, deletions: 3 }]);
      // A conversation comment knows no head sha, so the review comment may read the list again.
      mockPullRequestFilesOptionally(OWNER, REPO, 2, [
        { filename: "src/index.ts", additions: 12, deletions: 3 },
      ]);
      const conversation = commentOnPullRequest({ id: 4242 });
      const inline = example("pull_request_review_comment", "created");
      inline.pull_request.user = outsider;
      inline.pull_request.author_association = "CONTRIBUTOR";
      inline.comment = { ...inline.comment, id: 4242, user: otherMember, author_association: "MEMBER" };
      inline.sender = otherMember;
      await receive(probot, "issue_comment", conversation);
      await receive(probot, "pull_request_review_comment", inline);
      expect((await credited(store.sql)).sort()).toEqual([
        ["octolead", "review.comment"],
        ["octomember", "review.discussion"],
      ]);
    });

    it("credits a comment on a PR labelled `rfc` as review.design", async () => {
      const probot = createTestProbot(store.sql);
      const payload = commentOnPullRequest();
      payload.issue.labels = [{ ...payload.issue.labels[0], name: "RFC" }];
      mockNoConfig(OWNER, REPO);
      mockPullRequestFiles(OWNER, REPO, 2, [{ filename: "src/index.ts", additions: 12, deletions: 3 }]);
      await receive(probot, "issue_comment", payload);
      expect(await credited(store.sql)).toEqual([["octomember", "review.design"]]);
    });

    it("credits nothing for a comment on your own PR", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      mockPullRequestFilesOptionally(OWNER, REPO, 2, [
        { filename: "src/index.ts", additions: 12, deletions: 3 },
      ]);
      await receive(probot, "issue_comment", commentOnPullRequest({ author: member, by: member }));
      expect(await credited(store.sql)).toEqual([]);
    });

    it.each(bots)("credits nothing when the commenter is %s", async (_, bot) => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      mockPullRequestFilesOptionally(OWNER, REPO, 2, [
        { filename: "src/index.ts", additions: 12, deletions: 3 },
      ]);
      await receive(probot, "issue_comment", commentOnPullRequest({ by: bot }));
      expect(await credited(store.sql)).toEqual([]);
    });
  });
});
