import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/schema.js";
import type { Activity, Actor, TriageAction } from "../../src/vocabulary/activity.js";
import type { ChangedFile, SubjectType } from "../../src/vocabulary/credit.js";
import { type Category, RULE_IDS, type RuleId } from "../../src/vocabulary/rules.js";
import {
  AUTHOR,
  actor,
  answerAccepted,
  BOT_BY_LOGIN,
  BOT_BY_TYPE,
  type ClassifyOptions,
  comment,
  configWith,
  creditsFor,
  dependency,
  discussion,
  file,
  HELPER,
  issue,
  milestone,
  milestoned,
  pr,
  prMerged,
  prPushed,
  pushCommit,
  release,
  review,
  reviewComment,
  subIssue,
  trackingIssue,
  triage,
} from "../helpers/activities.js";

/**
 * One activity per rule that earns it, with what the credit must say. Every rule of the rule
 * table is here (the type makes a missing one a compile error) except `support.first-response`:
 * which member answer came first is only known across deliveries, so the store settles it
 * (test/integration/store.test.ts); the classifier claims every member answer as `support.answer`.
 */
type Sample = {
  activity: Activity;
  options: ClassifyOptions;
  category: Category;
  subjectType: SubjectType;
  subjectKey: string;
  sourceKey: string;
};

const PR7 = "octo-org/widgets#7";
const ISSUE12 = "octo-org/widgets#12";
const COMMIT = `octo-org/widgets@${"c".repeat(40)}`;
const DAY = "2024-03-04";
const code = [file("src/queue.ts", 40, 2)];

const onPr = (category: Category, activity: Activity, sourceKey: string, files = code): Sample => ({
  activity,
  options: { files },
  category,
  subjectType: "pull_request",
  subjectKey: PR7,
  sourceKey,
});
const onIssue = (category: Category, activity: Activity, sourceKey: string): Sample => ({
  activity,
  options: {},
  category,
  subjectType: "issue",
  subjectKey: ISSUE12,
  sourceKey,
});
const onCommit = (category: Category, rule: RuleId, files: string[]): Sample => ({
  activity: pushCommit({ files }),
  options: {},
  category,
  subjectType: "commit",
  subjectKey: COMMIT,
  sourceKey: `${rule}:${COMMIT}`,
});
const onMergedPr = (category: Category, rule: RuleId, files: ChangedFile[]) =>
  onPr(category, prMerged(), `${rule}:${PR7}`, files);
/** Someone else's open issue recorded as blocked by #12. */
const BLOCKED_BY_12 = {
  url: "https://github.com/octo-org/widgets/issues/20",
  author: actor("reporter", 300),
};
const triaged = (action: TriageAction) =>
  onIssue("triage", triage(action, { label: "bug" }), `triage:${ISSUE12}:helper:${DAY}`);

const SAMPLES: Record<Exclude<RuleId, "support.first-response">, Sample> = {
  "review.submitted": onPr("code-review", review(), "review:5001"),
  "review.comment": onPr("code-review", reviewComment(), "review:review-comment:6001"),
  "review.discussion": onPr("code-review", comment({ item: pr() }), "review:comment:7001"),
  "review.design": onPr("design-review", review(), "review:5001", [file("docs/design/queue.md", 120)]),
  "docs.pr": onMergedPr("documentation", "docs.pr", [file("docs/guide.md", 30), file("src/queue.ts", 5)]),
  "docs.push": onCommit("documentation", "docs.push", ["docs/guide.md", "README.md", "src/queue.ts"]),
  "mentor.newcomer": onPr(
    "onboarding",
    review({ pr: pr({ authorAssociation: "FIRST_TIME_CONTRIBUTOR" }) }),
    "mentor:5001",
  ),
  "onboarding.docs": onMergedPr("onboarding", "onboarding.docs", [file("CONTRIBUTING.md", 12)]),
  "onboarding.label": onIssue(
    "onboarding",
    triage("label", { label: "good first issue" }),
    `onboarding.label:${ISSUE12}:good first issue`,
  ),
  "triage.label": triaged("label"),
  "triage.assign": triaged("assign"),
  "triage.close": triaged("close"),
  "triage.reopen": triaged("reopen"),
  "triage.transfer": triaged("transfer"),
  "triage.duplicate": triaged("duplicate"),
  "triage.lock": triaged("lock"),
  "triage.type": triaged("type"),
  "ownership.codeowners": onCommit("ownership", "ownership.codeowners", [".github/CODEOWNERS"]),
  "process.files": onMergedPr("process", "process.files", [file(".github/workflows/ci.yml", 3), ...code]),
  "unblock.stale-review": onPr(
    "unblocking",
    review({ at: "2024-03-06T09:00:00.000Z" }),
    `stale-review:${PR7}`,
  ),
  "unblock.label": onIssue(
    "unblocking",
    comment({ item: issue({ labels: ["Blocked"] }) }),
    "unblock:comment:7001",
  ),
  "unblock.push": onPr("unblocking", prPushed(), `unblock.push:${PR7}@${"b".repeat(40)}`),
  "unblock.dependency": {
    ...onIssue("unblocking", triage("close"), `unblock.dependency:${ISSUE12}:helper`),
    options: { blocked: [BLOCKED_BY_12] },
  },
  "planning.milestone": {
    activity: milestone(),
    options: {},
    category: "planning",
    subjectType: "milestone",
    subjectKey: "octo-org/widgets/milestones/900",
    sourceKey: `milestone:900:created:helper:${DAY}`,
  },
  "planning.tracking": onIssue(
    "planning",
    trackingIssue({ item: issue({ labels: ["Epic"] }) }),
    `tracking:${ISSUE12}:author:${DAY}`,
  ),
  "planning.roadmap": onMergedPr("planning", "planning.roadmap", [file("ROADMAP.md", 4), ...code]),
  "planning.sub-issue": onIssue("planning", subIssue(), `planning.sub-issue:${ISSUE12}:helper:${DAY}`),
  "planning.dependency": onIssue("planning", dependency(), `planning.dependency:${ISSUE12}:helper:${DAY}`),
  "support.answer": onIssue(
    "support",
    comment({ item: issue({ authorAssociation: "NONE" }) }),
    "support:comment:7001",
  ),
  "support.accepted": {
    activity: answerAccepted(),
    options: {},
    category: "support",
    subjectType: "discussion",
    subjectKey: "octo-org/widgets/discussions/3",
    sourceKey: "accepted:9001",
  },
  "release.published": {
    activity: release(),
    options: {},
    category: "release",
    subjectType: "release",
    subjectKey: "octo-org/widgets@v1.2.0",
    sourceKey: "release:8001",
  },
  "release.changelog": onCommit("release", "release.changelog", [
    "CHANGELOG.md",
    ".changeset/a.md",
    "src/a.ts",
  ]),
  "code.pr": onMergedPr("code", "code.pr", [file("src/queue.ts", 40), file("README.md", 5)]),
};

/** Activities on someone's item; acting on your own earns nothing for these. */
const ON_SOMEONES_ITEM = new Set([
  "review",
  "review_comment",
  "comment",
  "pr_pushed",
  "triage",
  "answer_accepted",
]);

const cases = Object.entries(SAMPLES) as [RuleId, Sample][];
// Closing your own issue can unblock others: for unblock.dependency "someone else's" is the blocked issues.
const ownItemCases = cases.filter(
  ([rule, sample]) => ON_SOMEONES_ITEM.has(sample.activity.type) && rule !== "unblock.dependency",
);

const withActor = (activity: Activity, actor: Actor): Activity => ({ ...activity, actor });

/** The author of the item an activity acts on, for activities that act on someone's item. */
const itemAuthor = (activity: Activity): Actor => {
  if ("pr" in activity) return activity.pr.author;
  if ("item" in activity) return activity.item.author;
  throw new Error(`${activity.type} acts on no one's item`);
};

describe("the rule table", () => {
  it("has exactly the documented rule ids, in their order", () => {
    expect(RULE_IDS).toEqual([
      "review.submitted",
      "review.comment",
      "review.discussion",
      "review.design",
      "docs.pr",
      "docs.push",
      "mentor.newcomer",
      "onboarding.docs",
      "onboarding.label",
      "triage.label",
      "triage.assign",
      "triage.close",
      "triage.reopen",
      "triage.transfer",
      "triage.duplicate",
      "triage.lock",
      "triage.type",
      "ownership.codeowners",
      "process.files",
      "unblock.stale-review",
      "unblock.label",
      "unblock.push",
      "unblock.dependency",
      "planning.milestone",
      "planning.tracking",
      "planning.roadmap",
      "planning.sub-issue",
      "planning.dependency",
      "support.answer",
      "support.first-response",
      "support.accepted",
      "release.published",
      "release.changelog",
      "code.pr",
    ]);
  });
});

describe.each(cases)("%s", (rule, sample) => {
  const credited = (activity: Activity, options = sample.options) =>
    creditsFor(activity, options).filter((credit) => credit.rule === rule);

  it("is credited with its category, weight, actor, subject and source key", () => {
    const credits = credited(sample.activity);
    expect(credits).toHaveLength(1);
    expect(credits[0]).toMatchObject({
      installationId: 42,
      repoId: 1001,
      repo: "octo-org/widgets",
      repoPrivate: false,
      actorLogin: sample.activity.actor.login,
      actorId: sample.activity.actor.id,
      category: sample.category,
      rule,
      weight: defaultConfig().weights[rule],
      subjectType: sample.subjectType,
      subjectKey: sample.subjectKey,
      sourceKey: sample.sourceKey,
      occurredAt: sample.activity.at,
    });
    expect(credits[0]?.url).toMatch(/^https:\/\/github\.com\/octo-org\/widgets\//);
  });

  it("weighs it as the config says", () => {
    const config = configWith({ weights: { [rule]: 7.25 } });
    expect(credited(sample.activity, { ...sample.options, config })[0]?.weight).toBe(7.25);
  });

  it("never credits a bot known by type: Bot", () => {
    expect(creditsFor(withActor(sample.activity, BOT_BY_TYPE), sample.options)).toEqual([]);
  });

  it("never credits a bot known by its [bot] login", () => {
    expect(creditsFor(withActor(sample.activity, BOT_BY_LOGIN), sample.options)).toEqual([]);
  });

  it("never credits an excluded login, compared case-insensitively", () => {
    const config = configWith({ exclude: { logins: [sample.activity.actor.login.toUpperCase()] } });
    expect(creditsFor(sample.activity, { ...sample.options, config })).toEqual([]);
    const other = configWith({ exclude: { logins: ["someone-else"] } });
    expect(credited(sample.activity, { ...sample.options, config: other })).toHaveLength(1);
  });
});

describe.each(ownItemCases)("%s on your own item", (_rule, sample) => {
  it("credits nothing: acting on your own item is not glue", () => {
    expect(creditsFor(withActor(sample.activity, itemAuthor(sample.activity)), sample.options)).toEqual([]);
  });
});

describe("unblock.dependency", () => {
  const close = (by: Actor, blocked: ClassifyOptions["blocked"]) =>
    creditsFor(triage("close", { actor: by }), { blocked }).map((credit) => credit.rule);

  it("credits closing your own issue while other people's issues are blocked by it", () => {
    expect(close(AUTHOR, [BLOCKED_BY_12])).toEqual(["unblock.dependency"]);
  });

  it("credits nothing for unblocking only your own issues, or when nothing is blocked", () => {
    expect(close(AUTHOR, [{ ...BLOCKED_BY_12, author: AUTHOR }])).toEqual([]);
    expect(close(HELPER, [])).toEqual(["triage.close"]);
  });

  it("credits nothing for reopening, nor for removing a recorded dependency", () => {
    expect(creditsFor(triage("reopen"), { blocked: [BLOCKED_BY_12] }).map((c) => c.rule)).toEqual([
      "triage.reopen",
    ]);
    expect(creditsFor(dependency({ action: "removed" }))).toEqual([]);
  });
});

describe("self-action", () => {
  it("recognises the author by login, case-insensitively, when an id is unknown", () => {
    const author = { login: "Author", id: null, bot: false };
    expect(
      creditsFor(review({ actor: { login: "author", id: null, bot: false }, pr: pr({ author }) })),
    ).toEqual([]);
  });

  it("tells two people apart by id even when one renamed to the other's old login", () => {
    const credits = creditsFor(review({ actor: { login: "author", id: 999, bot: false } }), { files: code });
    expect(credits.map((credit) => credit.rule)).toEqual(["review.submitted"]);
  });

  it("does not stop authored work being credited to its author", () => {
    expect(creditsFor(prMerged({ actor: AUTHOR }), { files: [file("docs/guide.md", 10)] })).toHaveLength(1);
    expect(creditsFor(milestoned({ actor: AUTHOR }))).toHaveLength(1);
  });

  it("treats a bot's item like anyone else's: reviewing a bot's PR is code review", () => {
    const credits = creditsFor(review({ actor: HELPER, pr: pr({ author: BOT_BY_LOGIN }) }), { files: code });
    expect(credits.map((credit) => [credit.actorLogin, credit.rule])).toEqual([
      ["helper", "review.submitted"],
    ]);
  });

  it("credits nothing for commenting on your own discussion", () => {
    const own = comment({ actor: AUTHOR, item: discussion(), actorAssociation: "MEMBER" });
    expect(creditsFor(own)).toEqual([]);
  });
});
