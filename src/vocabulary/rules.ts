/**
 * Every rule Gluework applies, top to bottom. The `id` is the exact `rule` value stored on a
 * credit and printed by `gluework report`; `what` is the sentence the README shows.
 */
export const CATEGORIES = [
  "code-review",
  "design-review",
  "documentation",
  "onboarding",
  "triage",
  "ownership",
  "process",
  "unblocking",
  "planning",
  "support",
  "release",
  "code",
] as const;

export type Category = (typeof CATEGORIES)[number];

/** Every category except `code` is glue. */
export const isGlue = (category: Category): boolean => category !== "code";

/** The glue categories, in category order. */
export const GLUE_CATEGORIES: readonly Category[] = CATEGORIES.filter(isGlue);

export const RULES = [
  { id: "review.submitted", category: "code-review", what: "a submitted review on someone else's PR" },
  { id: "review.comment", category: "code-review", what: "an inline review comment on someone else's PR" },
  { id: "review.discussion", category: "code-review", what: "a conversation comment on someone else's PR" },
  {
    id: "review.design",
    category: "design-review",
    what: "a review or comment on someone else's PR that changes design documents or is labelled as a design proposal (instead of code-review)",
  },
  {
    id: "docs.pr",
    category: "documentation",
    what: "a merged PR whose changed lines are mostly docs, to its author",
  },
  {
    id: "docs.push",
    category: "documentation",
    what: "a direct push commit to the default branch that is mostly docs files",
  },
  {
    id: "mentor.newcomer",
    category: "onboarding",
    what: "a review or comment on a PR opened by a first-time contributor",
  },
  {
    id: "onboarding.docs",
    category: "onboarding",
    what: "a merged PR or direct push that changes onboarding files",
  },
  {
    id: "onboarding.label",
    category: "onboarding",
    what: "labelling someone else's issue as a newcomer entry point",
  },
  { id: "triage.label", category: "triage", what: "labelling someone else's issue or PR" },
  { id: "triage.assign", category: "triage", what: "assigning someone to someone else's issue or PR" },
  { id: "triage.close", category: "triage", what: "closing someone else's issue or unmerged PR" },
  { id: "triage.reopen", category: "triage", what: "reopening someone else's issue or PR" },
  { id: "triage.transfer", category: "triage", what: "transferring someone else's issue" },
  { id: "triage.duplicate", category: "triage", what: "closing someone else's issue as a duplicate" },
  { id: "triage.lock", category: "triage", what: "locking someone else's issue or PR" },
  { id: "triage.type", category: "triage", what: "setting the type of someone else's issue" },
  {
    id: "ownership.codeowners",
    category: "ownership",
    what: "a merged PR or direct push that changes ownership files",
  },
  { id: "process.files", category: "process", what: "a merged PR or direct push that changes process files" },
  {
    id: "unblock.stale-review",
    category: "unblocking",
    what: "the first review on someone else's PR after it waited longer than `unblocking.wait_hours`",
  },
  {
    id: "unblock.label",
    category: "unblocking",
    what: "a review, comment or commit on someone else's item labelled as blocked",
  },
  { id: "unblock.push", category: "unblocking", what: "pushing commits to another person's PR branch" },
  {
    id: "unblock.dependency",
    category: "unblocking",
    what: "closing an issue (or merging the PR that closes it) while other people's open issues are recorded as blocked by it",
  },
  {
    id: "planning.milestone",
    category: "planning",
    what: "creating, editing or closing a milestone, or adding an issue to one",
  },
  {
    id: "planning.tracking",
    category: "planning",
    what: "opening or editing a tracking issue (tracking label, or a task list of `planning.task_list_min`+ items)",
  },
  {
    id: "planning.roadmap",
    category: "planning",
    what: "a merged PR or direct push that changes planning files",
  },
  {
    id: "planning.sub-issue",
    category: "planning",
    what: "adding a sub-issue to a parent issue (once per person, parent and UTC day)",
  },
  {
    id: "planning.dependency",
    category: "planning",
    what: "recording that an issue is blocked by another (once per person, blocked issue and UTC day)",
  },
  {
    id: "support.answer",
    category: "support",
    what: "a member's comment on an issue or discussion opened by a non-member",
  },
  {
    id: "support.first-response",
    category: "support",
    what: "the first member comment on an issue or discussion opened by a non-member",
  },
  { id: "support.accepted", category: "support", what: "a discussion answer that was accepted" },
  { id: "release.published", category: "release", what: "publishing a release (once per release)" },
  {
    id: "release.changelog",
    category: "release",
    what: "a merged PR or direct push whose change is mostly release files",
  },
  {
    id: "code.pr",
    category: "code",
    what: "a merged PR whose changed lines are mostly code (not glue; kept for balance)",
  },
] as const satisfies readonly { id: string; category: Category; what: string }[];

export type RuleId = (typeof RULES)[number]["id"];

export const RULE_IDS = RULES.map((rule) => rule.id) as [RuleId, ...RuleId[]];

export const categoryOf = (rule: RuleId): Category => {
  const found = RULES.find((candidate) => candidate.id === rule);
  if (!found) throw new Error(`unknown rule ${rule}`);
  return found.category;
};
