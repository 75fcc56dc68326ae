import { describe, expect, it } from "vitest";
import {
  AUTHOR,
  actor,
  answerAccepted,
  BOT_BY_LOGIN,
  comment,
  configWith,
  creditsFor,
  discussion,
  HELPER,
  issue,
  milestone,
  milestoned,
  pr,
  release,
  rulesFor,
  trackingIssue,
} from "../helpers/activities.js";

const ISSUE12 = "octo-org/widgets#12";

describe("planning.milestone", () => {
  it.each(["created", "edited", "closed"])("credits whoever %s a milestone", (action) => {
    expect(creditsFor(milestone({ action }))).toMatchObject([
      {
        actorLogin: "helper",
        category: "planning",
        rule: "planning.milestone",
        weight: 0.5,
        subjectType: "milestone",
        subjectKey: "octo-org/widgets/milestones/900",
        url: "https://github.com/octo-org/widgets/milestone/1",
        sourceKey: `milestone:900:${action}:helper:2024-03-04`,
      },
    ]);
  });

  it("credits adding an issue to a milestone, once per issue and milestone", () => {
    const credits = creditsFor(milestoned());
    expect(credits).toMatchObject([
      {
        actorLogin: "helper",
        category: "planning",
        rule: "planning.milestone",
        subjectType: "issue",
        subjectKey: ISSUE12,
        sourceKey: `milestoned:${ISSUE12}:900`,
      },
    ]);
    expect(creditsFor(milestoned({ milestoneId: 901 }))[0]?.sourceKey).not.toBe(credits[0]?.sourceKey);
  });

  it("is authored work: milestoning your own issue counts, a bot's never", () => {
    expect(rulesFor(milestoned({ actor: AUTHOR }))).toEqual(["planning.milestone"]);
    expect(creditsFor(milestone({ actor: BOT_BY_LOGIN }))).toEqual([]);
  });
});

describe("planning.tracking", () => {
  it.each(["roadmap", "Epic", "TRACKING"])("credits opening or editing an issue labelled %s", (label) => {
    expect(creditsFor(trackingIssue({ item: issue({ labels: [label] }) }))).toMatchObject([
      {
        actorLogin: "author",
        category: "planning",
        rule: "planning.tracking",
        weight: 1,
        subjectType: "issue",
        subjectKey: ISSUE12,
        sourceKey: `tracking:${ISSUE12}:author:2024-03-04`,
      },
    ]);
  });

  it("credits an issue with a task list of 3 or more items", () => {
    const body = ["Plan:", "- [ ] design", "- [x] build", "* [ ] ship", "", "Notes."].join("\r\n");
    expect(rulesFor(trackingIssue({ body }))).toEqual(["planning.tracking"]);
  });

  it("does not credit a task list of 2 items, or checkbox lines that are not list items", () => {
    expect(rulesFor(trackingIssue({ body: "- [ ] design\n- [x] build\n" }))).toEqual([]);
    expect(rulesFor(trackingIssue({ body: "[ ] a\n[ ] b\n[ ] c\n- plain item" }))).toEqual([]);
    expect(rulesFor(trackingIssue({ body: "" }))).toEqual([]);
  });

  it("follows planning.task_list_min and labels.tracking from config", () => {
    const three = "- [ ] a\n- [ ] b\n- [ ] c";
    const config = configWith({ planning: { task_list_min: 4 }, labels: { tracking: ["initiative"] } });
    expect(rulesFor(trackingIssue({ body: three }), { config })).toEqual([]);
    expect(rulesFor(trackingIssue({ body: `${three}\n- [ ] d` }), { config })).toEqual(["planning.tracking"]);
    expect(rulesFor(trackingIssue({ item: issue({ labels: ["initiative"] }) }), { config })).toEqual([
      "planning.tracking",
    ]);
    expect(rulesFor(trackingIssue({ item: issue({ labels: ["epic"] }) }), { config })).toEqual([]);
  });

  it("is only for issues, not PRs", () => {
    expect(rulesFor(trackingIssue({ item: pr({ labels: ["epic"] }) }))).toEqual([]);
  });

  it("credits one edit per person per UTC day", () => {
    const key = (at: string, who = HELPER) =>
      creditsFor(trackingIssue({ actor: who, at, item: issue({ labels: ["epic"] }) }))[0]?.sourceKey;
    expect(key("2024-03-04T08:00:00.000Z")).toBe(key("2024-03-04T20:00:00.000Z"));
    expect(key("2024-03-04T08:00:00.000Z")).not.toBe(key("2024-03-05T08:00:00.000Z"));
    expect(key("2024-03-04T08:00:00.000Z")).not.toBe(key("2024-03-04T08:00:00.000Z", AUTHOR));
  });
});

describe("support.answer: a member answering someone outside the team", () => {
  const outsider = issue({ authorAssociation: "NONE" });

  it.each(["OWNER", "MEMBER", "COLLABORATOR"])("credits a %s commenting on a non-member's issue", (assoc) => {
    expect(creditsFor(comment({ item: outsider, actorAssociation: assoc, id: 77 }))).toMatchObject([
      {
        actorLogin: "helper",
        category: "support",
        rule: "support.answer",
        weight: 0.5,
        subjectType: "issue",
        subjectKey: ISSUE12,
        url: "https://github.com/octo-org/widgets/issues/12#issuecomment-77",
        sourceKey: "support:comment:77",
      },
    ]);
  });

  it("credits a member replying in a non-member's discussion", () => {
    const item = discussion({ authorAssociation: "CONTRIBUTOR" });
    expect(creditsFor(comment({ item, actorAssociation: "COLLABORATOR" }))).toMatchObject([
      { rule: "support.answer", subjectType: "discussion", subjectKey: "octo-org/widgets/discussions/3" },
    ]);
  });

  it("is not support when the commenter is not a member, or the author is", () => {
    expect(rulesFor(comment({ item: outsider, actorAssociation: "CONTRIBUTOR" }))).toEqual([]);
    expect(rulesFor(comment({ item: issue({ authorAssociation: "MEMBER" }) }))).toEqual([]);
    expect(rulesFor(comment({ item: discussion({ authorAssociation: "OWNER" }) }))).toEqual([]);
  });

  it("credits nothing for answering in your own issue or discussion", () => {
    expect(creditsFor(comment({ actor: AUTHOR, item: outsider }))).toEqual([]);
    expect(creditsFor(comment({ actor: AUTHOR, item: discussion() }))).toEqual([]);
  });

  it("follows configured member associations", () => {
    const config = configWith({ member_associations: ["CONTRIBUTOR"] });
    expect(rulesFor(comment({ item: outsider, actorAssociation: "CONTRIBUTOR" }), { config })).toEqual([
      "support.answer",
    ]);
    expect(rulesFor(comment({ item: outsider, actorAssociation: "MEMBER" }), { config })).toEqual([]);
  });

  it("claims every answer on an item under the item, with its own key, so the store can mark the first", () => {
    const first = creditsFor(comment({ item: outsider, id: 1, at: "2024-03-04T10:00:00.000Z" }));
    const second = creditsFor(comment({ item: outsider, actor: actor("third", 202), id: 2 }));
    expect([first[0]?.subjectKey, second[0]?.subjectKey]).toEqual([ISSUE12, ISSUE12]);
    expect(first[0]?.sourceKey).not.toBe(second[0]?.sourceKey);
  });

  it("gives an issue comment and a discussion comment with the same numeric id different source keys", () => {
    // Issue comments and discussion comments are different objects with separate ids.
    const onIssue = creditsFor(comment({ item: outsider, id: 4242 }));
    const onDiscussion = creditsFor(comment({ item: discussion(), id: 4242 }));
    expect(onIssue).toHaveLength(1);
    expect(onDiscussion).toHaveLength(1);
    expect(onIssue[0]?.sourceKey).not.toBe(onDiscussion[0]?.sourceKey);
  });

  it("credits support and unblocking for a member answering a non-member's blocked issue", () => {
    const blocked = issue({ authorAssociation: "NONE", labels: ["help wanted"] });
    expect(rulesFor(comment({ item: blocked }))).toEqual(["support.answer", "unblock.label"]);
  });
});

describe("unblock.label on issue comments", () => {
  it("credits a comment on someone else's blocked issue, whoever comments", () => {
    const blocked = issue({ labels: ["blocked"] });
    expect(rulesFor(comment({ item: blocked, actorAssociation: "CONTRIBUTOR" }))).toEqual(["unblock.label"]);
    expect(rulesFor(comment({ actor: AUTHOR, item: blocked }))).toEqual([]);
    expect(rulesFor(comment({ item: issue({ labels: ["question"] }) }))).toEqual([]);
  });
});

describe("support.accepted", () => {
  it("credits the author of an accepted answer in someone else's discussion", () => {
    expect(creditsFor(answerAccepted({ id: 55 }))).toMatchObject([
      {
        actorLogin: "helper",
        category: "support",
        rule: "support.accepted",
        weight: 1.5,
        subjectType: "discussion",
        subjectKey: "octo-org/widgets/discussions/3",
        url: "https://github.com/octo-org/widgets/discussions/3#discussioncomment-55",
        sourceKey: "accepted:55",
      },
    ]);
  });

  it("credits nothing for accepting your own answer to your own question", () => {
    expect(creditsFor(answerAccepted({ actor: AUTHOR }))).toEqual([]);
  });
});

describe("release.published", () => {
  it("credits whoever published the release, once per release", () => {
    const credits = creditsFor(release({ id: 31, tag: "v2.0.0" }));
    expect(credits).toMatchObject([
      {
        actorLogin: "helper",
        category: "release",
        rule: "release.published",
        weight: 1,
        subjectType: "release",
        subjectKey: "octo-org/widgets@v2.0.0",
        url: "https://github.com/octo-org/widgets/releases/tag/v2.0.0",
        sourceKey: "release:31",
      },
    ]);
    const again = creditsFor(release({ id: 31, tag: "v2.0.0", at: "2024-03-05T10:00:00.000Z" }));
    expect(again[0]?.sourceKey).toBe(credits[0]?.sourceKey);
    expect(creditsFor(release({ id: 32, tag: "v2.0.1" }))[0]?.sourceKey).not.toBe(credits[0]?.sourceKey);
  });

  it("never credits a release bot", () => {
    expect(creditsFor(release({ actor: BOT_BY_LOGIN }))).toEqual([]);
  });
});
