import { describe, expect, it } from "vitest";
import { example, user } from "../helpers/examples.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { creditDetails, credited } from "../helpers/ledger.js";
import { type IssueAction, issueEvent as issueEventBy } from "../helpers/payloads.js";
import { createTestProbot, mockConfig, mockNoConfig, receive } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";

const OWNER = "Codertocat";
const REPO = "Hello-World";

const reporter = user("octoreporter", 8001);
const maintainer = user("octomaintainer", 8002);
const otherMaintainer = user("octolead", 8003);
const bots = [
  ["a sender of type Bot", user("triage-helper", 8090, "Bot")],
  ["a login ending in [bot]", user("github-actions[bot]", 8091)],
] as const;

/** A real `issues` example for `action` (see `issueEventBy`), by default by a maintainer on a reporter's issue. */
const issueEvent = (
  action: string,
  { author = reporter, sender = maintainer, at = "2019-05-15T15:20:18Z" }: Partial<IssueAction> = {},
) => issueEventBy(action, { author, sender, at });

const labeled = (name: string, options: Parameters<typeof issueEvent>[1] = {}) => {
  const payload = issueEvent("labeled", options);
  payload.label = { ...payload.label, name };
  payload.issue.labels = [...payload.issue.labels, payload.label];
  return payload;
};

describe.each(storeKinds())("issues on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  describe("labeled", () => {
    it("credits labelling someone else's issue `good first issue` as triage and onboarding", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      await receive(probot, "issues", labeled("good first issue"));
      const rows = await creditDetails(store.sql);
      expect(rows.map((row) => [row.actor_login, row.category, row.rule, row.subject_key])).toEqual([
        ["octomaintainer", "onboarding", "onboarding.label", "Codertocat/Hello-World#1"],
        ["octomaintainer", "triage", "triage.label", "Codertocat/Hello-World#1"],
      ]);
    });

    it("credits another label as triage only", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      await receive(probot, "issues", labeled("bug"));
      expect(await credited(store.sql)).toEqual([["octomaintainer", "triage.label"]]);
    });

    it("credits nothing for labelling your own issue, even `good first issue`", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      await receive(
        probot,
        "issues",
        labeled("good first issue", { author: maintainer, sender: maintainer }),
      );
      expect(await credited(store.sql)).toEqual([]);
    });

    it.each(bots)("credits nothing when the labeller is %s", async (_, bot) => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      await receive(probot, "issues", labeled("good first issue", { sender: bot }));
      expect(await credited(store.sql)).toEqual([]);
    });
  });

  describe("closed", () => {
    it("credits closing someone else's issue as a duplicate with triage.duplicate", async () => {
      const probot = createTestProbot(store.sql);
      const payload = issueEvent("closed", { at: "2019-05-16T08:00:00Z" });
      payload.issue.state_reason = "duplicate";
      mockNoConfig(OWNER, REPO);
      await receive(probot, "issues", payload);
      const rows = await creditDetails(store.sql);
      expect(
        rows.map((row) => [row.actor_login, row.category, row.rule, row.occurred_at.toISOString()]),
      ).toEqual([["octomaintainer", "triage", "triage.duplicate", "2019-05-16T08:00:00.000Z"]]);
    });

    it("credits closing someone else's issue as completed with triage.close", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      await receive(probot, "issues", issueEvent("closed"));
      expect(await credited(store.sql)).toEqual([["octomaintainer", "triage.close"]]);
    });

    it("credits nothing when the author closes their own issue", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      await receive(probot, "issues", issueEvent("closed", { sender: reporter }));
      expect(await credited(store.sql)).toEqual([]);
    });
  });

  describe("other triage", () => {
    it.each([
      ["assigned", "triage.assign"],
      ["reopened", "triage.reopen"],
      ["locked", "triage.lock"],
    ])("credits %s on someone else's issue as %s", async (action, rule) => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      await receive(probot, "issues", issueEvent(action));
      expect(await credited(store.sql)).toEqual([["octomaintainer", rule]]);
    });

    it("credits transferring someone else's issue as triage.transfer", async () => {
      const probot = createTestProbot(store.sql);
      const payload = example("issues", "transferred");
      payload.issue.user = reporter;
      payload.issue.author_association = "NONE";
      // The credit lands where the issue now lives, judged by that repository's config.
      mockNoConfig(payload.changes.new_repository.owner.login, payload.changes.new_repository.name);
      await receive(probot, "issues", payload);
      expect(await credited(store.sql)).toEqual([["Codertocat", "triage.transfer"]]);
    });

    it("credits unlabelling, unassigning and unlocking nothing", async () => {
      const probot = createTestProbot(store.sql);
      for (const action of ["unlabeled", "unassigned", "unlocked"]) {
        await receive(probot, "issues", issueEvent(action));
      }
      expect(await credited(store.sql)).toEqual([]);
    });

    it("credits three triage actions by one person on one issue in one UTC day once", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      await receive(probot, "issues", labeled("bug", { at: "2019-05-15T09:00:00Z" }));
      await receive(probot, "issues", issueEvent("assigned", { at: "2019-05-15T12:00:00Z" }));
      await receive(probot, "issues", issueEvent("closed", { at: "2019-05-15T23:59:00Z" }));
      const rows = await creditDetails(store.sql);
      expect(rows.map((row) => [row.actor_login, row.rule, row.occurred_at.toISOString()])).toEqual([
        ["octomaintainer", "triage.label", "2019-05-15T09:00:00.000Z"],
      ]);
    });

    it("credits triage on the next UTC day, or by another person, separately", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      await receive(probot, "issues", labeled("bug", { at: "2019-05-15T23:00:00Z" }));
      await receive(probot, "issues", issueEvent("assigned", { at: "2019-05-16T00:30:00Z" }));
      await receive(
        probot,
        "issues",
        issueEvent("locked", { sender: otherMaintainer, at: "2019-05-16T01:00:00Z" }),
      );
      expect(await credited(store.sql)).toEqual([
        ["octomaintainer", "triage.label"],
        ["octomaintainer", "triage.assign"],
        ["octolead", "triage.lock"],
      ]);
    });
  });

  describe("planning", () => {
    it("credits adding an issue to a milestone as planning.milestone", async () => {
      const probot = createTestProbot(store.sql);
      const payload = example("issues", "milestoned");
      payload.sender = maintainer;
      mockNoConfig(OWNER, REPO);
      await receive(probot, "issues", payload);
      const rows = await creditDetails(store.sql);
      expect(rows.map((row) => [row.actor_login, row.category, row.rule])).toEqual([
        ["octomaintainer", "planning", "planning.milestone"],
      ]);
    });

    it("credits opening a tracking issue (labelled `roadmap`) as planning.tracking", async () => {
      const probot = createTestProbot(store.sql);
      const payload = example("issues", "opened");
      payload.issue.user = maintainer;
      payload.sender = maintainer;
      payload.issue.labels = [{ ...payload.issue.labels[0], name: "roadmap" }];
      mockNoConfig(OWNER, REPO);
      await receive(probot, "issues", payload);
      expect(await credited(store.sql)).toEqual([["octomaintainer", "planning.tracking"]]);
    });

    it("credits an issue with a task list of three items as planning.tracking, not one with two", async () => {
      const probot = createTestProbot(store.sql);
      const tracking = example("issues", "opened");
      tracking.issue.user = maintainer;
      tracking.sender = maintainer;
      tracking.issue.body = "Plan for 2.0\n\n- [ ] queue\n- [x] schema\n- [ ] docs\n";
      const notTracking = example("issues", "opened");
      notTracking.issue.number = 9;
      notTracking.issue.html_url = "https://github.com/Codertocat/Hello-World/issues/9";
      notTracking.issue.user = otherMaintainer;
      notTracking.sender = otherMaintainer;
      notTracking.issue.body = "- [ ] one\n- [ ] two\n";
      mockNoConfig(OWNER, REPO);
      await receive(probot, "issues", tracking);
      await receive(probot, "issues", notTracking);
      expect(await credited(store.sql)).toEqual([["octomaintainer", "planning.tracking"]]);
    });
  });

  describe("repository config", () => {
    it("honours `exclude: { logins }`, case-insensitively, and credits everyone else", async () => {
      const probot = createTestProbot(store.sql);
      mockConfig(OWNER, REPO, "exclude:\n  logins: [OctoMaintainer]\n");
      await receive(probot, "issues", labeled("good first issue"));
      await receive(probot, "issues", issueEvent("assigned", { sender: otherMaintainer }));
      expect(await credited(store.sql)).toEqual([["octolead", "triage.assign"]]);
    });

    it("records nothing for a repository whose config sets opt_out: true", async () => {
      const probot = createTestProbot(store.sql);
      mockConfig(OWNER, REPO, "opt_out: true\n");
      await receive(probot, "issues", labeled("good first issue"));
      await receive(probot, "issues", issueEvent("closed", { sender: otherMaintainer }));
      expect(await credited(store.sql)).toEqual([]);
    });

    it("falls back to the defaults on an invalid config and still records credits", async () => {
      const probot = createTestProbot(store.sql);
      mockConfig(
        OWNER,
        REPO,
        'weights:\n  "review.submitted": "lots"\nexclude:\n  logins: [octomaintainer]\n',
      );
      await receive(probot, "issues", labeled("bug"));
      const rows = await creditDetails(store.sql);
      // The invalid file is not used at all: its exclusion is dropped with it, the default weight applies.
      expect(rows.map((row) => [row.actor_login, row.rule, row.weight])).toEqual([
        ["octomaintainer", "triage.label", 0.5],
      ]);
    });
  });
});
