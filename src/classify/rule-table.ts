import { type Activity, type ItemRef, itemKey } from "../vocabulary/activity.js";
import type { SubjectType } from "../vocabulary/credit.js";
import type { RuleId } from "../vocabulary/rules.js";
import { isMostly, profileCommit, profilePullRequest } from "./change-kinds.js";
import {
  type ClassifyInput,
  countTaskListItems,
  hasLabel,
  hoursBetween,
  isDesignChange,
  isMember,
  isNewcomer,
  isOutsider,
  sameActor,
  utcDay,
} from "./facts.js";

/** What a rule claims; the classifier adds who, where and the weight. */
export type Claim = {
  rule: RuleId;
  /** Unique per installation: the same activity seen twice gives the same key. */
  key: string;
  subjectType?: SubjectType;
  subjectKey?: string;
  url?: string;
  /** Overrides the rule's configured weight (a light review). */
  weight?: number;
  detail?: string;
};

type Of<T extends Activity["type"]> = Extract<Activity, { type: T }>;

/** Someone else's item: acting on your own is not glue. */
const othersItem = (activity: Activity & { actor: Activity["actor"] }, item: ItemRef) =>
  !sameActor(activity.actor, item.author);

/** Reviews, review comments and PR conversation comments share these rules. */
const reviewClaims = (
  input: ClassifyInput,
  activity: Of<"review"> | Of<"review_comment"> | Of<"comment">,
  item: ItemRef,
  base: RuleId,
  id: string,
  url: string,
): Claim[] => {
  if (!othersItem(activity, item)) return [];
  const claims: Claim[] = [];
  const design = isDesignChange(input, item);
  const light =
    activity.type === "review" && activity.review.state === "approved" && activity.review.body.trim() === "";
  claims.push({
    rule: design ? "review.design" : base,
    key: `review:${id}`,
    url,
    ...(activity.type === "review" ? { detail: activity.review.state } : {}),
    ...(light && !design ? { weight: input.config.light_review_weight } : {}),
  });
  if (isNewcomer(item, input.config)) claims.push({ rule: "mentor.newcomer", key: `mentor:${id}`, url });
  if (hasLabel(item, input.config.labels.blocked))
    claims.push({ rule: "unblock.label", key: `unblock:${id}`, url });
  return claims;
};

const review = (input: ClassifyInput, activity: Of<"review">): Claim[] => {
  const { review: submitted, pr } = activity;
  if (!othersItem(activity, pr)) return [];
  // A "commented" review with no body is the envelope of inline comments, credited one by one;
  // it still counts as the first review for unblocking.
  const envelope = submitted.state === "commented" && submitted.body.trim() === "";
  const claims = envelope
    ? []
    : reviewClaims(input, activity, pr, "review.submitted", `${submitted.id}`, submitted.url);
  if (hoursBetween(pr.readyAt, activity.at) > input.config.unblocking.wait_hours) {
    // One per PR; the store keeps it only while no earlier review exists.
    claims.push({
      rule: "unblock.stale-review",
      key: `stale-review:${itemKey(activity.repo, pr)}`,
      url: submitted.url,
    });
  }
  return claims;
};

const reviewComment = (input: ClassifyInput, activity: Of<"review_comment">): Claim[] =>
  reviewClaims(
    input,
    activity,
    activity.pr,
    "review.comment",
    `review-comment:${activity.comment.id}`,
    activity.comment.url,
  );

/** GitHub numbers issue comments, review comments and discussion comments separately. */
const commentId = (activity: Of<"comment">): string =>
  `${activity.item.kind === "discussion" ? "discussion-comment" : "comment"}:${activity.comment.id}`;

const comment = (input: ClassifyInput, activity: Of<"comment">): Claim[] => {
  const { item, comment: posted } = activity;
  if (item.kind === "pull_request") {
    return reviewClaims(input, activity, item, "review.discussion", `comment:${posted.id}`, posted.url);
  }
  if (!othersItem(activity, item)) return [];
  const claims: Claim[] = [];
  const { config } = input;
  if (isMember(activity.actorAssociation, config) && isOutsider(item, config)) {
    // The store marks the earliest of these per item as support.first-response.
    claims.push({ rule: "support.answer", key: `support:${commentId(activity)}`, url: posted.url });
  }
  if (item.kind === "issue" && hasLabel(item, config.labels.blocked)) {
    claims.push({ rule: "unblock.label", key: `unblock:${commentId(activity)}`, url: posted.url });
  }
  return claims;
};

/** Authored changes: the same rules for a merged PR (by lines) and a pushed commit (by files). */
const authoredChangeClaims = (
  change: ReturnType<typeof profilePullRequest>,
  key: string,
  isPullRequest: boolean,
): Claim[] => {
  const claims: Claim[] = [];
  const add = (rule: RuleId) => claims.push({ rule, key: `${rule}:${key}` });
  if (isMostly(change, "docs")) add(isPullRequest ? "docs.pr" : "docs.push");
  if (isMostly(change, "release")) add("release.changelog");
  if (change.touched.has("onboarding")) add("onboarding.docs");
  if (change.touched.has("ownership")) add("ownership.codeowners");
  if (change.touched.has("process")) add("process.files");
  if (change.touched.has("planning")) add("planning.roadmap");
  if (isPullRequest && isMostly(change, "code")) add("code.pr");
  return claims;
};

const prMerged = (input: ClassifyInput, activity: Of<"pr_merged">): Claim[] =>
  input.files && input.files.length > 0
    ? authoredChangeClaims(
        profilePullRequest(input.files, input.kindOf),
        itemKey(activity.repo, activity.pr),
        true,
      )
    : [];

const pushCommit = (input: ClassifyInput, activity: Of<"push_commit">): Claim[] => {
  if (input.commitInMergedPr || activity.commit.files.length === 0) return [];
  const subject = {
    subjectType: "commit" as const,
    subjectKey: `${activity.repo.fullName}@${activity.commit.sha}`,
  };
  return authoredChangeClaims(
    profileCommit(activity.commit.files, input.kindOf),
    subject.subjectKey,
    false,
  ).map((claim) => ({ ...claim, ...subject, url: activity.commit.url }));
};

const prPushed = (input: ClassifyInput, activity: Of<"pr_pushed">): Claim[] => {
  if (!othersItem(activity, activity.pr)) return [];
  const pushed = `${itemKey(activity.repo, activity.pr)}@${activity.sha}`;
  const claims: Claim[] = [{ rule: "unblock.push", key: `unblock.push:${pushed}` }];
  if (hasLabel(activity.pr, input.config.labels.blocked))
    claims.push({ rule: "unblock.label", key: `unblock:push:${pushed}` });
  return claims;
};

const TRIAGE_RULES = {
  label: "triage.label",
  assign: "triage.assign",
  close: "triage.close",
  reopen: "triage.reopen",
  transfer: "triage.transfer",
  duplicate: "triage.duplicate",
  lock: "triage.lock",
  type: "triage.type",
} as const satisfies Record<Of<"triage">["action"], RuleId>;

/**
 * Closing an issue (yourself, or by merging the PR that closes it) while other people's open
 * issues are recorded as blocked by it: one credit per closer and issue.
 */
const unblockedDependents = (input: ClassifyInput, activity: Of<"triage">): Claim[] => {
  const closed = activity.action === "close" || activity.action === "duplicate";
  const others = (input.blocked ?? []).filter((blocked) => !sameActor(activity.actor, blocked.author));
  if (!closed || activity.item.kind !== "issue" || others.length === 0) return [];
  const subject = itemKey(activity.repo, activity.item);
  return [{ rule: "unblock.dependency", key: `unblock.dependency:${subject}:${activity.actor.login}` }];
};

const triage = (input: ClassifyInput, activity: Of<"triage">): Claim[] => {
  const { item } = activity;
  if (!othersItem(activity, item)) return unblockedDependents(input, activity);
  const subject = itemKey(activity.repo, item);
  // All triage by one person on one item in one UTC day is one credit.
  const claims: Claim[] = [
    {
      rule: TRIAGE_RULES[activity.action],
      key: `triage:${subject}:${activity.actor.login}:${utcDay(activity.at)}`,
    },
  ];
  const label = activity.label;
  if (
    activity.action === "label" &&
    label &&
    item.kind === "issue" &&
    hasLabel({ labels: [label] }, input.config.labels.newcomer)
  ) {
    claims.push({ rule: "onboarding.label", key: `onboarding.label:${subject}:${label.toLowerCase()}` });
  }
  return [...claims, ...unblockedDependents(input, activity)];
};

/** Structuring work: once per person, parent issue and UTC day, whoever's issues they are. */
const subIssue = (_input: ClassifyInput, activity: Of<"sub_issue">): Claim[] => [
  {
    rule: "planning.sub-issue",
    key: `planning.sub-issue:${itemKey(activity.repo, activity.parent)}:${activity.actor.login}:${utcDay(activity.at)}`,
  },
];

/** Recording a blocker: once per person, blocked issue and UTC day. Removing one earns nothing. */
const dependency = (_input: ClassifyInput, activity: Of<"dependency">): Claim[] =>
  activity.action === "added"
    ? [
        {
          rule: "planning.dependency",
          key: `planning.dependency:${itemKey(activity.repo, activity.blocked)}:${activity.actor.login}:${utcDay(activity.at)}`,
        },
      ]
    : [];

const trackingIssue = (input: ClassifyInput, activity: Of<"tracking_issue">): Claim[] => {
  const { item } = activity;
  if (item.kind !== "issue") return [];
  const tracking =
    hasLabel(item, input.config.labels.tracking) ||
    countTaskListItems(activity.body) >= input.config.planning.task_list_min;
  if (!tracking) return [];
  const subject = itemKey(activity.repo, item);
  return [
    { rule: "planning.tracking", key: `tracking:${subject}:${activity.actor.login}:${utcDay(activity.at)}` },
  ];
};

const milestone = (_input: ClassifyInput, activity: Of<"milestone">): Claim[] => [
  {
    rule: "planning.milestone",
    key: `milestone:${activity.milestone.id}:${activity.action}:${activity.actor.login}:${utcDay(activity.at)}`,
    subjectType: "milestone",
    subjectKey: `${activity.repo.fullName}/milestones/${activity.milestone.id}`,
    url: activity.milestone.url,
  },
];

const milestoned = (_input: ClassifyInput, activity: Of<"milestoned">): Claim[] => [
  {
    rule: "planning.milestone",
    key: `milestoned:${itemKey(activity.repo, activity.item)}:${activity.milestone.id}`,
  },
];

const release = (_input: ClassifyInput, activity: Of<"release">): Claim[] => [
  {
    rule: "release.published",
    key: `release:${activity.release.id}`,
    subjectType: "release",
    subjectKey: `${activity.repo.fullName}@${activity.release.tag}`,
    url: activity.release.url,
  },
];

const answerAccepted = (_input: ClassifyInput, activity: Of<"answer_accepted">): Claim[] =>
  othersItem(activity, activity.item)
    ? [{ rule: "support.accepted", key: `accepted:${activity.answer.id}`, url: activity.answer.url }]
    : [];

/**
 * The rule table, one entry per activity type, read top to bottom. Each returns the claims the
 * activity earns; the classifier applies the bot/exclusion filter and weights.
 */
export const RULE_TABLE: { [T in Activity["type"]]: (input: ClassifyInput, activity: Of<T>) => Claim[] } = {
  review,
  review_comment: reviewComment,
  comment,
  pr_merged: prMerged,
  pr_pushed: prPushed,
  pr_ready: () => [],
  push_commit: pushCommit,
  triage,
  tracking_issue: trackingIssue,
  milestone,
  milestoned,
  sub_issue: subIssue,
  dependency,
  release,
  answer_accepted: answerAccepted,
};
