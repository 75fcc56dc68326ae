import { describe, expect, it } from "vitest";
import { example, user } from "../helpers/examples.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { creditDetails, credited } from "../helpers/ledger.js";
import { asComment, type Comment, discussionReplyExample } from "../helpers/payloads.js";
import { createTestProbot, mockNoConfig, receive } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";

const OWNER = "Codertocat";
const REPO = "Hello-World";

const outsider = user("octovisitor", 4001);
const member = user("octomember", 4002);
const otherMember = user("octolead", 4003);
const bots = [
  ["a user of type Bot", user("answer-assistant", 4090, "Bot")],
  ["a login ending in [bot]", user("discussions[bot]", 4091)],
] as const;

/** The real `discussion_comment.created` example: `by` replies in discussion #4 opened by `author`. */
const reply = (options: Partial<Comment> = {}) => {
  const payload = discussionReplyExample();
  expect(payload.repository.full_name).toBe("Codertocat/Hello-World");
  const comment: Comment = {
    author: outsider,
    authorAssociation: "NONE",
    by: member,
    association: "MEMBER",
    id: 550062,
    at: "2021-03-30T20:21:30Z",
    ...options,
  };
  const url = `https://github.com/Codertocat/Hello-World/discussions/4#discussioncomment-${comment.id}`;
  return asComment(payload, "discussion", comment, url);
};

describe.each(storeKinds())("discussion on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  describe("discussion.answered", () => {
    it("credits the author of the accepted answer with support.accepted (the real example)", async () => {
      const probot = createTestProbot(store.sql);
      const payload = example("discussion", "answered");
      expect([payload.answer.user.login, payload.discussion.user.login]).toEqual(["dan2wik", "Codertocat"]);
      mockNoConfig(OWNER, REPO);
      await receive(probot, "discussion", payload);
      const rows = await creditDetails(store.sql);
      expect(
        rows.map((row) => [
          row.actor_login,
          row.category,
          row.rule,
          row.subject_type,
          row.subject_key,
          row.url,
        ]),
      ).toEqual([
        [
          "dan2wik",
          "support",
          "support.accepted",
          "discussion",
          "Codertocat/Hello-World/discussions/4",
          "https://github.com/Codertocat/Hello-World/discussions/4#discussioncomment-550561",
        ],
      ]);
    });

    it("credits nothing when the author answers their own discussion", async () => {
      const probot = createTestProbot(store.sql);
      const payload = example("discussion", "answered");
      payload.answer.user = payload.discussion.user;
      mockNoConfig(OWNER, REPO);
      await receive(probot, "discussion", payload);
      expect(await credited(store.sql)).toEqual([]);
    });

    it.each(bots)("credits nothing when the accepted answer is by %s", async (_, bot) => {
      const probot = createTestProbot(store.sql);
      const payload = example("discussion", "answered");
      payload.answer.user = bot;
      mockNoConfig(OWNER, REPO);
      await receive(probot, "discussion", payload);
      expect(await credited(store.sql)).toEqual([]);
    });

    it("credits other discussion actions nothing", async () => {
      const probot = createTestProbot(store.sql);
      for (const action of ["created", "edited", "labeled", "unanswered", "locked", "category_changed"]) {
        const payload = example("discussion", action);
        payload.sender = member;
        await receive(probot, "discussion", payload);
      }
      expect(await credited(store.sql)).toEqual([]);
    });
  });

  describe("discussion_comment", () => {
    it("credits a member's first reply on an outsider's discussion as support.first-response, the next as support.answer", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      await receive(probot, "discussion_comment", reply({ id: 1, at: "2021-03-30T20:21:30Z" }));
      await receive(
        probot,
        "discussion_comment",
        reply({ id: 2, by: otherMember, association: "OWNER", at: "2021-03-30T21:00:00Z" }),
      );
      const rows = await creditDetails(store.sql);
      expect(rows.map((row) => [row.actor_login, row.rule, row.weight, row.subject_key])).toEqual([
        ["octomember", "support.first-response", 1, "Codertocat/Hello-World/discussions/4"],
        ["octolead", "support.answer", 0.5, "Codertocat/Hello-World/discussions/4"],
      ]);
    });

    it("keeps discussion #4 and issue #4 (and their comments, both numbered 1) apart: each gets its own first response", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      await receive(probot, "discussion_comment", reply({ id: 1, at: "2021-03-30T20:21:30Z" }));
      const onIssue = example("issue_comment", "created");
      onIssue.issue.number = 4;
      onIssue.issue.html_url = "https://github.com/Codertocat/Hello-World/issues/4";
      onIssue.issue.user = outsider;
      onIssue.issue.author_association = "NONE";
      onIssue.comment.id = 1;
      onIssue.comment.user = otherMember;
      onIssue.comment.author_association = "MEMBER";
      onIssue.comment.created_at = "2021-03-30T22:00:00Z";
      onIssue.sender = otherMember;
      await receive(probot, "issue_comment", onIssue);
      expect(await credited(store.sql)).toEqual([
        ["octomember", "support.first-response"],
        ["octolead", "support.first-response"],
      ]);
    });

    it("credits nothing for a reply by an outsider, on a member's discussion, or on your own", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      await receive(
        probot,
        "discussion_comment",
        reply({ id: 1, by: user("octoguest", 4004), association: "NONE" }),
      );
      await receive(
        probot,
        "discussion_comment",
        reply({ id: 2, author: otherMember, authorAssociation: "MEMBER" }),
      );
      await receive(probot, "discussion_comment", reply({ id: 3, author: member, by: member }));
      expect(await credited(store.sql)).toEqual([]);
    });

    it("credits edited and deleted replies nothing", async () => {
      const probot = createTestProbot(store.sql);
      for (const action of ["edited", "deleted"]) {
        const payload = reply();
        payload.action = action;
        await receive(probot, "discussion_comment", payload);
      }
      expect(await credited(store.sql)).toEqual([]);
    });

    it.each(bots)("credits nothing when the reply is by %s", async (_, bot) => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      await receive(probot, "discussion_comment", reply({ by: bot }));
      expect(await credited(store.sql)).toEqual([]);
    });
  });
});
