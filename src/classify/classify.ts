import { type Activity, itemKey } from "../vocabulary/activity.js";
import type { Credit, SubjectType } from "../vocabulary/credit.js";
import { categoryOf } from "../vocabulary/rules.js";
import { type ClassifyInput, isCreditable, sameActor } from "./facts.js";
import { RULE_TABLE } from "./rule-table.js";

type Subject = { subjectType: SubjectType; subjectKey: string; url: string; title?: string | undefined };

const subjectOf = (activity: Activity): Subject => {
  switch (activity.type) {
    case "review":
    case "review_comment":
    case "pr_merged":
    case "pr_pushed":
    case "pr_ready":
      return {
        subjectType: "pull_request",
        subjectKey: itemKey(activity.repo, activity.pr),
        url: activity.pr.url,
        title: activity.pr.title,
      };
    case "comment":
    case "triage":
    case "tracking_issue":
    case "milestoned":
    case "answer_accepted":
      return {
        subjectType: activity.item.kind,
        subjectKey: itemKey(activity.repo, activity.item),
        url: activity.item.url,
        title: activity.item.title,
      };
    case "sub_issue":
      return {
        subjectType: "issue",
        subjectKey: itemKey(activity.repo, activity.parent),
        url: activity.parent.url,
      };
    case "dependency":
      return {
        subjectType: "issue",
        subjectKey: itemKey(activity.repo, activity.blocked),
        url: activity.blocked.url,
      };
    case "milestone":
      return {
        subjectType: "milestone",
        subjectKey: `${activity.repo.fullName}/milestones`,
        url: activity.milestone.url,
      };
    case "push_commit":
      return {
        subjectType: "commit",
        subjectKey: `${activity.repo.fullName}@${activity.commit.sha}`,
        url: activity.commit.url,
        title: activity.commit.message.split("\n")[0]?.trim() || undefined,
      };
    case "release":
      return {
        subjectType: "release",
        subjectKey: `${activity.repo.fullName}@${activity.release.tag}`,
        url: activity.release.url,
        title: activity.release.name ?? activity.release.tag,
      };
  }
};

/** The actor's association with the repository, when the activity shows it. */
const associationOf = (activity: Activity): string | undefined => {
  switch (activity.type) {
    case "comment":
    case "review":
      return activity.actorAssociation;
    case "pr_merged":
    case "tracking_issue":
      // Authored work: the item's author is the actor.
      return "pr" in activity
        ? sameActor(activity.actor, activity.pr.author)
          ? activity.pr.authorAssociation
          : undefined
        : sameActor(activity.actor, activity.item.author)
          ? activity.item.authorAssociation
          : undefined;
    default:
      return undefined;
  }
};

/**
 * Activity → credits, by the rule table. Pure: same input, same credits, no I/O.
 */
export const classify = (input: ClassifyInput): Credit[] => {
  const { activity, config } = input;
  if (!isCreditable(activity.actor, config)) return [];
  const rules = RULE_TABLE[activity.type] as (
    input: ClassifyInput,
    activity: Activity,
  ) => ReturnType<(typeof RULE_TABLE)["review"]>;
  const subject = subjectOf(activity);
  return rules(input, activity).map((claim) => ({
    installationId: activity.installationId,
    repoId: activity.repo.id,
    repo: activity.repo.fullName,
    repoPrivate: activity.repo.private,
    actorLogin: activity.actor.login,
    actorId: activity.actor.id,
    category: categoryOf(claim.rule),
    rule: claim.rule,
    weight: claim.weight ?? config.weights[claim.rule],
    subjectType: claim.subjectType ?? subject.subjectType,
    subjectKey: claim.subjectKey ?? subject.subjectKey,
    url: claim.url ?? subject.url,
    occurredAt: activity.at,
    sourceKey: claim.key,
    ...(claim.detail ? { detail: claim.detail } : {}),
    // A claim about another subject (a linked issue, a milestone) does not take this one's title.
    ...(subject.title && !claim.subjectKey ? { subjectTitle: subject.title } : {}),
    ...(associationOf(activity) ? { actorAssociation: associationOf(activity) } : {}),
  }));
};

/** Someone other than the author (and no bot) acting on an item: only then can a review rule credit. */
const byOther = (actor: Activity["actor"], author: Activity["actor"]): boolean =>
  !actor.bot && !sameActor(actor, author);

/**
 * Which activities need the PR's changed files to be classified: a person's merge, and reviews and
 * comments that could earn review credit (someone else's PR; a review with something in it —
 * a bare "commented" review is only the envelope of its inline comments).
 */
export const needsPullRequestFiles = (activity: Activity): boolean => {
  switch (activity.type) {
    case "pr_merged":
      // An agent's or bot's merged PR credits no one as its author.
      return !activity.actor.bot;
    case "review": {
      const envelope = activity.review.state === "commented" && activity.review.body.trim() === "";
      return !envelope && byOther(activity.actor, activity.pr.author);
    }
    case "review_comment":
      return byOther(activity.actor, activity.pr.author);
    case "comment":
      return activity.item.kind === "pull_request" && byOther(activity.actor, activity.item.author);
    default:
      return false;
  }
};
