import { describe, expect, it } from "vitest";
import { example, examplesOf, user } from "../helpers/examples.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { creditDetails, credited } from "../helpers/ledger.js";
import { createTestProbot, mockNoConfig, receive } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";

const OWNER = "Codertocat";
const REPO = "Hello-World";

const planner = user("octoplanner", 5001);
const releaser = user("octoreleaser", 5002);
const bots = [
  ["a sender of type Bot", user("release-train", 5090, "Bot")],
  ["a login ending in [bot]", user("semantic-release-bot[bot]", 5091)],
] as const;

type Person = ReturnType<typeof user>;

/** The real `milestone` example for `action` (edited starts from created), done by `sender`. */
const milestoneEvent = (action: string, sender: Person = planner) => {
  const payload = example("milestone", action === "edited" ? "created" : action);
  payload.action = action;
  payload.sender = sender;
  if (action === "edited") {
    payload.changes = { title: { from: "v0.9" } };
    payload.milestone.updated_at = "2019-05-16T11:00:00Z";
  }
  return payload;
};

/** The real `release` example for `action`, published by `sender`, written by `author`. */
const releaseEvent = (action: string, sender: Person = releaser, author: Person = sender) => {
  const payload = example("release", action);
  payload.sender = sender;
  payload.release.author = author;
  return payload;
};

describe.each(storeKinds())("milestone and release on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  describe("milestone", () => {
    it("credits creating a milestone as planning.milestone to whoever created it", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      await receive(probot, "milestone", milestoneEvent("created"));
      const rows = await creditDetails(store.sql);
      expect(
        rows.map((row) => [
          row.actor_login,
          row.category,
          row.rule,
          row.subject_type,
          row.url,
          row.occurred_at.toISOString(),
        ]),
      ).toEqual([
        [
          "octoplanner",
          "planning",
          "planning.milestone",
          "milestone",
          "https://github.com/Codertocat/Hello-World/milestone/1",
          "2019-05-15T15:20:17.000Z",
        ],
      ]);
    });

    it("credits creating, editing and closing a milestone each, and each once", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      await receive(probot, "milestone", milestoneEvent("created"), "m-1");
      await receive(probot, "milestone", milestoneEvent("created"), "m-1");
      await receive(probot, "milestone", milestoneEvent("closed"), "m-2");
      await receive(probot, "milestone", milestoneEvent("edited"), "m-3");
      await receive(probot, "milestone", milestoneEvent("edited"), "m-3");
      expect(await credited(store.sql)).toEqual([
        ["octoplanner", "planning.milestone"],
        ["octoplanner", "planning.milestone"],
        ["octoplanner", "planning.milestone"],
      ]);
    });

    it("credits deleting a milestone nothing", async () => {
      const probot = createTestProbot(store.sql);
      await receive(probot, "milestone", milestoneEvent("deleted"));
      expect(await credited(store.sql)).toEqual([]);
    });

    it.each(bots)("credits nothing when the milestone is created by %s", async (_, bot) => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      await receive(probot, "milestone", milestoneEvent("created", bot));
      expect(await credited(store.sql)).toEqual([]);
    });
  });

  describe("release", () => {
    it("credits publishing a release once, however often published is delivered and when released follows", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      const published = examplesOf("release").filter((payload) => payload.action === "published");
      expect(published.length).toBeGreaterThan(1);
      await receive(probot, "release", releaseEvent("published"), "r-1");
      await receive(probot, "release", releaseEvent("published"), "r-1");
      await receive(probot, "release", releaseEvent("published"), "r-2");
      await receive(probot, "release", releaseEvent("released"), "r-3");
      const rows = await creditDetails(store.sql);
      expect(rows.map((row) => [row.actor_login, row.category, row.rule, row.subject_key, row.url])).toEqual([
        [
          "octoreleaser",
          "release",
          "release.published",
          "Codertocat/Hello-World@0.0.1",
          "https://github.com/Codertocat/Hello-World/releases/tag/0.0.1",
        ],
      ]);
    });

    it("credits released, created, prereleased and edited alone nothing", async () => {
      const probot = createTestProbot(store.sql);
      for (const action of ["created", "prereleased", "edited", "released"]) {
        await receive(probot, "release", releaseEvent(action));
      }
      expect(await credited(store.sql)).toEqual([]);
    });

    it("credits whoever published the release, also when a bot drafted it", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      await receive(
        probot,
        "release",
        releaseEvent("published", releaser, user("github-actions[bot]", 5092, "Bot")),
      );
      expect(await credited(store.sql)).toEqual([["octoreleaser", "release.published"]]);
    });

    it.each(bots)("credits nothing when the release is published by %s", async (_, bot) => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      await receive(probot, "release", releaseEvent("published", bot, releaser));
      expect(await credited(store.sql)).toEqual([]);
    });
  });
});
