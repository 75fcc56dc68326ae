import { describe, expect, it } from "vitest";
import {
  AUTHOR,
  BOT_BY_TYPE,
  comment,
  configWith,
  creditsFor,
  file,
  HELPER,
  pr,
  review,
  reviewComment,
  rulesFor,
} from "../helpers/activities.js";

const code = [file("src/queue.ts", 40, 2), file("src/queue.test.ts", 30)];
const PR7 = "octo-org/widgets#7";

describe("review.submitted", () => {
  it.each(["approved", "changes_requested", "commented"])("credits a %s review with a body", (state) => {
    const [credit, ...rest] = creditsFor(review({ state, body: "Please split this function." }), {
      files: code,
    });
    expect(rest).toEqual([]);
    expect(credit).toMatchObject({
      actorLogin: "helper",
      actorId: 200,
      category: "code-review",
      rule: "review.submitted",
      weight: 1,
      subjectType: "pull_request",
      subjectKey: PR7,
      url: "https://github.com/octo-org/widgets/pull/7#pullrequestreview-5001",
    });
  });

  it("leaves a bodyless 'commented' review to its inline comments, each credited on its own", () => {
    expect(creditsFor(review({ state: "commented", body: "  " }), { files: code })).toEqual([]);
  });

  it("gives the same source key to the same review delivered twice, another to another review", () => {
    const first = creditsFor(review({ id: 1 }), { files: code })[0]?.sourceKey;
    expect(creditsFor(review({ id: 1 }), { files: code })[0]?.sourceKey).toBe(first);
    expect(creditsFor(review({ id: 2 }), { files: code })[0]?.sourceKey).not.toBe(first);
  });
});

describe("light review", () => {
  it.each(["", "   \n"])("weighs an approval with body %j at light_review_weight", (body) => {
    const [credit] = creditsFor(review({ state: "approved", body }), { files: code });
    expect(credit).toMatchObject({ rule: "review.submitted", category: "code-review", weight: 0.5 });
  });

  it("takes the light weight from config, not from review.submitted's weight", () => {
    const config = configWith({ light_review_weight: 0.2, weights: { "review.submitted": 3 } });
    const light = creditsFor(review({ state: "approved", body: "" }), { files: code, config });
    const full = creditsFor(review({ state: "approved", body: "LGTM, nice tests" }), { files: code, config });
    expect(light[0]?.weight).toBe(0.2);
    expect(full[0]?.weight).toBe(3);
  });

  it("is only an approval: a bodyless request for changes weighs in full", () => {
    expect(creditsFor(review({ state: "changes_requested", body: "" }), { files: code })[0]?.weight).toBe(1);
  });
});

describe("review.comment and review.discussion", () => {
  it("credits an inline comment on someone else's PR", () => {
    expect(creditsFor(reviewComment({ id: 61 }), { files: code })).toMatchObject([
      {
        actorLogin: "helper",
        category: "code-review",
        rule: "review.comment",
        weight: 0.5,
        subjectKey: PR7,
        url: "https://github.com/octo-org/widgets/pull/7#discussion_r61",
      },
    ]);
  });

  it("credits a conversation comment on someone else's PR", () => {
    expect(creditsFor(comment({ item: pr(), id: 71 }), { files: code })).toMatchObject([
      { actorLogin: "helper", category: "code-review", rule: "review.discussion", subjectKey: PR7 },
    ]);
  });

  it("credits nothing for commenting on your own PR", () => {
    expect(creditsFor(reviewComment({ actor: AUTHOR }), { files: code })).toEqual([]);
    expect(creditsFor(comment({ actor: AUTHOR, item: pr() }), { files: code })).toEqual([]);
  });

  it("gives an inline comment and a conversation comment with the same numeric id different source keys", () => {
    // Review comments (pulls API) and issue comments are different objects with separate ids.
    const newcomerBlocked = pr({ authorAssociation: "FIRST_TIMER", labels: ["blocked"] });
    const inline = creditsFor(reviewComment({ pr: newcomerBlocked, id: 1234 }), { files: code });
    const conversation = creditsFor(comment({ item: newcomerBlocked, id: 1234 }), { files: code });
    expect(inline).toHaveLength(3);
    expect(conversation).toHaveLength(3);
    const keys = new Set([...inline, ...conversation].map((credit) => credit.sourceKey));
    expect(keys.size).toBe(6);
  });
});

describe("review.design, instead of code review", () => {
  it("credits a review of a PR that changes a design document as design review only", () => {
    const files = [file("src/queue.ts", 200), file("docs/adr/0007-queue.md", 10)];
    expect(creditsFor(review(), { files })).toMatchObject([
      {
        actorLogin: "helper",
        category: "design-review",
        rule: "review.design",
        weight: 1.5,
        subjectKey: PR7,
      },
    ]);
  });

  it.each(["design", "RFC", "Proposal"])("credits a review of a PR labelled %s as design review", (label) => {
    expect(rulesFor(review({ pr: pr({ labels: [label] }) }), { files: code })).toEqual(["review.design"]);
  });

  it("credits inline and conversation comments on a design PR as design review", () => {
    const files = [file("rfcs/0003-plugins.md", 90)];
    expect(rulesFor(reviewComment(), { files })).toEqual(["review.design"]);
    expect(rulesFor(comment({ item: pr() }), { files })).toEqual(["review.design"]);
  });

  it("is code review when the PR changes only docs that are not design documents", () => {
    expect(rulesFor(review(), { files: [file("docs/guide.md", 50)] })).toEqual(["review.submitted"]);
  });

  it("credits nothing for reviewing your own design document", () => {
    expect(creditsFor(review({ actor: AUTHOR }), { files: [file("docs/design/x.md", 5)] })).toEqual([]);
  });

  it("follows configured design labels and paths", () => {
    const config = configWith({ labels: { design: ["architecture"] }, paths: { design: ["specs/**"] } });
    expect(rulesFor(review({ pr: pr({ labels: ["architecture"] }) }), { files: code, config })).toEqual([
      "review.design",
    ]);
    expect(rulesFor(review({ pr: pr({ labels: ["design"] }) }), { files: code, config })).toEqual([
      "review.submitted",
    ]);
    expect(rulesFor(review(), { files: [file("specs/queue.md", 9)], config })).toEqual(["review.design"]);
    expect(rulesFor(review(), { files: [file("docs/design/queue.md", 9)], config })).toEqual([
      "review.submitted",
    ]);
  });
});

describe("mentor.newcomer", () => {
  it.each(["FIRST_TIMER", "FIRST_TIME_CONTRIBUTOR", "NONE"])(
    "credits a review of a PR by a %s author as code review and onboarding",
    (authorAssociation) => {
      const credits = creditsFor(review({ pr: pr({ authorAssociation }) }), { files: code });
      expect(credits.map((credit) => [credit.actorLogin, credit.category, credit.rule])).toEqual([
        ["helper", "code-review", "review.submitted"],
        ["helper", "onboarding", "mentor.newcomer"],
      ]);
      expect(credits[1]).toMatchObject({ weight: 1, subjectKey: PR7 });
      expect(credits[0]?.sourceKey).not.toBe(credits[1]?.sourceKey);
    },
  );

  it("credits inline and conversation comments on a newcomer's PR", () => {
    const newcomer = pr({ authorAssociation: "FIRST_TIME_CONTRIBUTOR" });
    expect(rulesFor(reviewComment({ pr: newcomer }), { files: code })).toEqual([
      "review.comment",
      "mentor.newcomer",
    ]);
    expect(rulesFor(comment({ item: newcomer }), { files: code })).toEqual([
      "review.discussion",
      "mentor.newcomer",
    ]);
  });

  it("credits design review and onboarding for reviewing a newcomer's design document", () => {
    const newcomer = pr({ authorAssociation: "NONE" });
    expect(rulesFor(review({ pr: newcomer }), { files: [file("docs/design/x.md", 3)] })).toEqual([
      "review.design",
      "mentor.newcomer",
    ]);
  });

  it.each(["CONTRIBUTOR", "MEMBER", "OWNER", "COLLABORATOR"])(
    "is not onboarding for a %s author",
    (assoc) => {
      expect(rulesFor(review({ pr: pr({ authorAssociation: assoc }) }), { files: code })).toEqual([
        "review.submitted",
      ]);
    },
  );

  it("follows configured newcomer associations", () => {
    const config = configWith({ newcomer_associations: ["CONTRIBUTOR"] });
    const contributor = pr({ authorAssociation: "CONTRIBUTOR" });
    expect(rulesFor(review({ pr: contributor }), { files: code, config })).toContain("mentor.newcomer");
    const none = pr({ authorAssociation: "NONE" });
    expect(rulesFor(review({ pr: none }), { files: code, config })).not.toContain("mentor.newcomer");
  });

  it("is not credited to the newcomer reviewing their own PR, nor to a bot", () => {
    const newcomer = pr({ authorAssociation: "FIRST_TIMER" });
    expect(creditsFor(review({ actor: AUTHOR, pr: newcomer }), { files: code })).toEqual([]);
    expect(creditsFor(review({ actor: BOT_BY_TYPE, pr: newcomer }), { files: code })).toEqual([]);
  });
});

describe("unblock.stale-review", () => {
  const opened = "2024-03-01T00:00:00.000Z";
  const waitedFor = (hours: number) => new Date(Date.parse(opened) + hours * 3_600_000).toISOString();
  const stale = (hours: number, options: Parameters<typeof review>[0] = {}, config = configWith({})) =>
    rulesFor(review({ pr: pr({ createdAt: opened, readyAt: opened }), at: waitedFor(hours), ...options }), {
      files: code,
      config,
    }).includes("unblock.stale-review");

  it("credits a review after the PR waited longer than wait_hours (48 by default)", () => {
    expect(stale(49)).toBe(true);
    expect(stale(48.01)).toBe(true);
  });

  it("does not credit a review within wait_hours, nor at exactly wait_hours", () => {
    expect(stale(47)).toBe(false);
    expect(stale(48)).toBe(false);
  });

  it("counts from when the PR was marked ready, not when it was opened as a draft", () => {
    const draft = pr({ createdAt: opened, readyAt: waitedFor(40) });
    expect(rulesFor(review({ pr: draft, at: waitedFor(60) }), { files: code })).not.toContain(
      "unblock.stale-review",
    );
    expect(rulesFor(review({ pr: draft, at: waitedFor(90) }), { files: code })).toContain(
      "unblock.stale-review",
    );
  });

  it("follows unblocking.wait_hours from config", () => {
    const config = configWith({ unblocking: { wait_hours: 24 } });
    expect(stale(30, {}, config)).toBe(true);
    expect(stale(20, {}, config)).toBe(false);
    expect(stale(60, {}, configWith({ unblocking: { wait_hours: 72 } }))).toBe(false);
  });

  it("comes with the review's own credit, once per PR so only the first review keeps it", () => {
    const first = creditsFor(review({ id: 1, pr: pr({ readyAt: opened }), at: waitedFor(50) }), {
      files: code,
    });
    const second = creditsFor(review({ id: 2, pr: pr({ readyAt: opened }), at: waitedFor(51) }), {
      files: code,
    });
    expect(first.map((credit) => [credit.category, credit.rule, credit.weight])).toEqual([
      ["code-review", "review.submitted", 1],
      ["unblocking", "unblock.stale-review", 1],
    ]);
    expect(first[1]?.sourceKey).toBe(`stale-review:${PR7}`);
    expect(second[1]?.sourceKey).toBe(first[1]?.sourceKey);
  });

  it("is not earned by your own review, a bot's, or an inline comment", () => {
    const waited = pr({ readyAt: opened });
    expect(creditsFor(review({ actor: AUTHOR, pr: waited, at: waitedFor(50) }), { files: code })).toEqual([]);
    expect(
      creditsFor(review({ actor: BOT_BY_TYPE, pr: waited, at: waitedFor(50) }), { files: code }),
    ).toEqual([]);
    expect(rulesFor(reviewComment({ pr: waited, at: waitedFor(50) }), { files: code })).toEqual([
      "review.comment",
    ]);
  });
});

describe("unblock.label on reviews and comments", () => {
  it.each(["blocked", "Help Wanted"])(
    "credits a review of a PR labelled %s as review and unblocking",
    (label) => {
      const credits = creditsFor(review({ pr: pr({ labels: [label] }) }), { files: code });
      expect(credits.map((credit) => [credit.actorLogin, credit.category, credit.rule])).toEqual([
        ["helper", "code-review", "review.submitted"],
        ["helper", "unblocking", "unblock.label"],
      ]);
    },
  );

  it("credits inline and conversation comments on a blocked PR", () => {
    const blocked = pr({ labels: ["blocked"] });
    expect(rulesFor(reviewComment({ pr: blocked }), { files: code })).toEqual([
      "review.comment",
      "unblock.label",
    ]);
    expect(rulesFor(comment({ item: blocked }), { files: code })).toEqual([
      "review.discussion",
      "unblock.label",
    ]);
  });

  it("needs the label: an unlabelled PR, or another label, is plain review", () => {
    expect(rulesFor(review({ pr: pr({ labels: ["bug"] }) }), { files: code })).toEqual(["review.submitted"]);
  });

  it("follows configured blocked labels", () => {
    const config = configWith({ labels: { blocked: ["stuck"] } });
    expect(rulesFor(review({ pr: pr({ labels: ["stuck"] }) }), { files: code, config })).toContain(
      "unblock.label",
    );
    expect(rulesFor(review({ pr: pr({ labels: ["blocked"] }) }), { files: code, config })).not.toContain(
      "unblock.label",
    );
  });

  it("credits nothing for working on your own blocked PR", () => {
    expect(creditsFor(review({ actor: AUTHOR, pr: pr({ labels: ["blocked"] }) }), { files: code })).toEqual(
      [],
    );
    expect(
      creditsFor(review({ actor: HELPER, pr: pr({ labels: ["blocked"] }) }), { files: code }),
    ).toHaveLength(2);
  });
});
