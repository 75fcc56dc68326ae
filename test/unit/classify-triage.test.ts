import { describe, expect, it } from "vitest";
import type { TriageAction } from "../../src/vocabulary/activity.js";
import {
  AUTHOR,
  actor,
  BOT_BY_TYPE,
  configWith,
  creditsFor,
  HELPER,
  issue,
  pr,
  rulesFor,
  triage,
} from "../helpers/activities.js";

const ISSUE12 = "octo-org/widgets#12";

describe("triage on someone else's issue or PR", () => {
  it.each([
    ["label", "triage.label"],
    ["assign", "triage.assign"],
    ["close", "triage.close"],
    ["reopen", "triage.reopen"],
    ["transfer", "triage.transfer"],
    ["duplicate", "triage.duplicate"],
    ["lock", "triage.lock"],
  ] as [TriageAction, string][])("credits %s on an issue as %s", (action, rule) => {
    const credits = creditsFor(triage(action, action === "label" ? { label: "bug" } : {}));
    expect(credits).toMatchObject([
      {
        actorLogin: "helper",
        actorId: 200,
        category: "triage",
        rule,
        weight: 0.5,
        subjectType: "issue",
        subjectKey: ISSUE12,
        url: "https://github.com/octo-org/widgets/issues/12",
      },
    ]);
  });

  it.each(["label", "assign", "close", "reopen", "lock"] as TriageAction[])(
    "credits %s on a PR",
    (action) => {
      expect(creditsFor(triage(action, { item: pr(), label: "bug" }))).toMatchObject([
        {
          category: "triage",
          rule: `triage.${action}`,
          subjectType: "pull_request",
          subjectKey: "octo-org/widgets#7",
        },
      ]);
    },
  );

  it.each(["label", "assign", "close", "reopen", "transfer", "duplicate", "lock"] as TriageAction[])(
    "credits nothing for %s on your own item, or by a bot",
    (action) => {
      expect(creditsFor(triage(action, { actor: AUTHOR, label: "bug" }))).toEqual([]);
      expect(creditsFor(triage(action, { actor: BOT_BY_TYPE, label: "bug" }))).toEqual([]);
    },
  );

  it("follows the configured weight", () => {
    const config = configWith({ weights: { "triage.duplicate": 2 } });
    expect(creditsFor(triage("duplicate"), { config })[0]?.weight).toBe(2);
  });
});

describe("triage bucketing: one actor, one item, one UTC day is one credit", () => {
  const keyOf = (action: TriageAction, options: Parameters<typeof triage>[1] = {}) =>
    creditsFor(triage(action, { label: "bug", ...options }))[0]?.sourceKey;

  it("gives the same source key to several triage actions on one item in one UTC day", () => {
    const morning = keyOf("label", { at: "2024-03-04T00:00:01.000Z" });
    expect(morning).toBe(`triage:${ISSUE12}:helper:2024-03-04`);
    expect(keyOf("assign", { at: "2024-03-04T12:00:00.000Z" })).toBe(morning);
    expect(keyOf("close", { at: "2024-03-04T23:59:59.000Z" })).toBe(morning);
  });

  it("gives a different key on another UTC day, even a minute later", () => {
    const late = keyOf("label", { at: "2024-03-04T23:59:00.000Z" });
    const next = keyOf("label", { at: "2024-03-05T00:01:00.000Z" });
    expect(late).not.toBe(next);
    expect(next).toBe(`triage:${ISSUE12}:helper:2024-03-05`);
  });

  it("gives a different key to another actor, or to another item, on the same day", () => {
    const helper = keyOf("label");
    expect(keyOf("label", { actor: actor("other", 201) })).not.toBe(helper);
    expect(
      keyOf("label", { item: issue({ number: 13, url: "https://github.com/octo-org/widgets/issues/13" }) }),
    ).not.toBe(helper);
  });
});

describe("onboarding.label: labelling someone else's issue as a newcomer entry point", () => {
  it.each(["good first issue", "Good First Issue", "help wanted"])(
    "credits labelling with %s as triage and onboarding",
    (label) => {
      const credits = creditsFor(triage("label", { label }));
      expect(
        credits.map((credit) => [credit.actorLogin, credit.category, credit.rule, credit.weight]),
      ).toEqual([
        ["helper", "triage", "triage.label", 0.5],
        ["helper", "onboarding", "onboarding.label", 0.5],
      ]);
      expect(credits[1]).toMatchObject({ subjectType: "issue", subjectKey: ISSUE12 });
      expect(credits[1]?.sourceKey).not.toBe(credits[0]?.sourceKey);
    },
  );

  it("gives the same key to the same label on the same issue seen twice", () => {
    const key = (at: string) => creditsFor(triage("label", { label: "good first issue", at }))[1]?.sourceKey;
    expect(key("2024-03-04T10:00:00.000Z")).toBe(key("2024-03-04T11:00:00.000Z"));
  });

  it("is only triage for any other label", () => {
    expect(rulesFor(triage("label", { label: "bug" }))).toEqual(["triage.label"]);
  });

  it("is only for issues: a newcomer label on a PR is triage", () => {
    expect(rulesFor(triage("label", { item: pr(), label: "good first issue" }))).toEqual(["triage.label"]);
  });

  it("credits nothing for labelling your own issue", () => {
    expect(creditsFor(triage("label", { actor: AUTHOR, label: "good first issue" }))).toEqual([]);
  });

  it("follows configured newcomer labels", () => {
    const config = configWith({ labels: { newcomer: ["beginner"] } });
    expect(rulesFor(triage("label", { label: "Beginner" }), { config })).toEqual([
      "triage.label",
      "onboarding.label",
    ]);
    expect(rulesFor(triage("label", { label: "good first issue" }), { config })).toEqual(["triage.label"]);
  });

  it("is not earned by assigning, even on an issue already labelled good first issue", () => {
    const item = issue({ labels: ["good first issue"] });
    expect(rulesFor(triage("assign", { actor: HELPER, item }))).toEqual(["triage.assign"]);
  });
});
