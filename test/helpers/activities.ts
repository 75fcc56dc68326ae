import { classify } from "../../src/classify/classify.js";
import type { ClassifyInput } from "../../src/classify/facts.js";
import { createPathClassifier } from "../../src/classify/path-kinds.js";
import { parseConfig } from "../../src/config/parse-config.js";
import { type Config, defaultConfig } from "../../src/config/schema.js";
import { normalize } from "../../src/events/normalize.js";
import { toActor } from "../../src/events/refs.js";
import type {
  Activity,
  Actor,
  ItemRef,
  PullRequestRef,
  RepoRef,
  TriageAction,
} from "../../src/vocabulary/activity.js";
import type { ChangedFile, Credit } from "../../src/vocabulary/credit.js";

/**
 * Small typed factories for Activities, so classifier tests read as "who did what on whose
 * item". Defaults describe an ordinary day in `octo-org/widgets`: `author` (a member) opened
 * the item, `helper` (another member) acts on it.
 */

export const INSTALLATION = 42;
export const AT = "2024-03-04T10:00:00.000Z";

export const REPO: RepoRef = {
  id: 1001,
  owner: "octo-org",
  name: "widgets",
  fullName: "octo-org/widgets",
  private: false,
  defaultBranch: "main",
};

/** A person or bot as the normaliser derives it from a payload user (`type`, `[bot]` login). */
export const actor = (login: string, id: number | null, type: "User" | "Bot" = "User"): Actor => ({
  ...toActor({ login, id: id ?? 0, type }),
  id,
});

export const AUTHOR = actor("author", 100);
export const HELPER = actor("helper", 200);
/** A bot known by its `type: Bot` (its login has no `[bot]` suffix). */
export const BOT_BY_TYPE = actor("ci-helper", 300, "Bot");
/** A bot known only by its `[bot]` login. */
export const BOT_BY_LOGIN = actor("renovate[bot]", 301);

export const issue = (overrides: Partial<ItemRef> = {}): ItemRef => ({
  kind: "issue",
  number: 12,
  url: `https://github.com/${REPO.fullName}/issues/12`,
  author: AUTHOR,
  authorAssociation: "MEMBER",
  labels: [],
  createdAt: "2024-03-01T09:00:00.000Z",
  ...overrides,
});

export const discussion = (overrides: Partial<ItemRef> = {}): ItemRef => ({
  kind: "discussion",
  number: 3,
  url: `https://github.com/${REPO.fullName}/discussions/3`,
  author: AUTHOR,
  authorAssociation: "NONE",
  labels: [],
  createdAt: "2024-03-01T09:00:00.000Z",
  ...overrides,
});

export const pr = (overrides: Partial<Omit<PullRequestRef, "kind">> = {}): PullRequestRef => ({
  kind: "pull_request",
  number: 7,
  url: `https://github.com/${REPO.fullName}/pull/7`,
  author: AUTHOR,
  authorAssociation: "MEMBER",
  labels: [],
  createdAt: "2024-03-04T08:00:00.000Z",
  headSha: "a".repeat(40),
  readyAt: "2024-03-04T08:00:00.000Z",
  ...overrides,
});

type Of<T extends Activity["type"]> = Extract<Activity, { type: T }>;
type BaseOverrides = { actor?: Actor; at?: string; repo?: RepoRef };

const base = (overrides: BaseOverrides) => ({
  installationId: INSTALLATION,
  repo: overrides.repo ?? REPO,
  actor: overrides.actor ?? HELPER,
  at: overrides.at ?? AT,
});

export const review = (
  options: BaseOverrides & { pr?: PullRequestRef; state?: string; body?: string; id?: number } = {},
): Of<"review"> => {
  const id = options.id ?? 5001;
  const target = options.pr ?? pr();
  return {
    ...base(options),
    type: "review",
    pr: target,
    review: {
      id,
      state: options.state ?? "approved",
      body: options.body ?? "Looks good; one question about the retry loop.",
      url: `${target.url}#pullrequestreview-${id}`,
    },
  };
};

export const reviewComment = (
  options: BaseOverrides & { pr?: PullRequestRef; id?: number } = {},
): Of<"review_comment"> => {
  const id = options.id ?? 6001;
  const target = options.pr ?? pr();
  return {
    ...base(options),
    type: "review_comment",
    pr: target,
    comment: { id, url: `${target.url}#discussion_r${id}` },
  };
};

export const comment = (
  options: BaseOverrides & { item?: ItemRef; actorAssociation?: string; id?: number } = {},
): Of<"comment"> => {
  const id = options.id ?? 7001;
  const item = options.item ?? issue();
  return {
    ...base(options),
    type: "comment",
    item,
    actorAssociation: options.actorAssociation ?? "MEMBER",
    comment: { id, url: `${item.url}#issuecomment-${id}` },
  };
};

/** A merged PR: credited to its author, as the normaliser does. */
export const prMerged = (options: BaseOverrides & { pr?: PullRequestRef } = {}): Of<"pr_merged"> => {
  const target = options.pr ?? pr();
  return { ...base({ ...options, actor: options.actor ?? target.author }), type: "pr_merged", pr: target };
};

export const prPushed = (
  options: BaseOverrides & { pr?: PullRequestRef; sha?: string } = {},
): Of<"pr_pushed"> => ({
  ...base(options),
  type: "pr_pushed",
  pr: options.pr ?? pr(),
  sha: options.sha ?? "b".repeat(40),
});

export const pushCommit = (
  options: BaseOverrides & { files?: string[]; sha?: string; message?: string } = {},
): Of<"push_commit"> => {
  const sha = options.sha ?? "c".repeat(40);
  return {
    ...base({ ...options, actor: options.actor ?? AUTHOR }),
    type: "push_commit",
    commit: {
      sha,
      message: options.message ?? "Update files",
      url: `https://github.com/${REPO.fullName}/commit/${sha}`,
      files: options.files ?? [],
    },
  };
};

export const triage = (
  action: TriageAction,
  options: BaseOverrides & { item?: ItemRef; label?: string } = {},
): Of<"triage"> => ({
  ...base(options),
  type: "triage",
  action,
  item: options.item ?? issue(),
  ...(options.label === undefined ? {} : { label: options.label }),
});

export const trackingIssue = (
  options: BaseOverrides & { item?: ItemRef; body?: string } = {},
): Of<"tracking_issue"> => ({
  ...base({ ...options, actor: options.actor ?? AUTHOR }),
  type: "tracking_issue",
  item: options.item ?? issue(),
  body: options.body ?? "",
});

export const milestone = (
  options: BaseOverrides & { action?: string; id?: number } = {},
): Of<"milestone"> => {
  const id = options.id ?? 900;
  return {
    ...base(options),
    type: "milestone",
    action: options.action ?? "created",
    milestone: { id, url: `https://github.com/${REPO.fullName}/milestone/1` },
  };
};

export const milestoned = (
  options: BaseOverrides & { item?: ItemRef; milestoneId?: number } = {},
): Of<"milestoned"> => {
  const id = options.milestoneId ?? 900;
  return {
    ...base(options),
    type: "milestoned",
    item: options.item ?? issue(),
    milestone: { id, url: `https://github.com/${REPO.fullName}/milestone/1` },
  };
};

/** `helper` adds issue #13 as a sub-issue of `parent` (#12 by default). */
export const subIssue = (options: BaseOverrides & { parent?: ItemRef } = {}): Of<"sub_issue"> => ({
  ...base(options),
  type: "sub_issue",
  parent: options.parent ?? issue(),
  child: issue({ number: 13, url: `https://github.com/${REPO.fullName}/issues/13` }),
});

/** `helper` records that `blocked` (#12 by default) is blocked by issue #14. */
export const dependency = (
  options: BaseOverrides & { blocked?: ItemRef; action?: "added" | "removed" } = {},
): Of<"dependency"> => ({
  ...base(options),
  type: "dependency",
  action: options.action ?? "added",
  blocked: options.blocked ?? issue(),
  blocking: { ...issue({ number: 14, url: `https://github.com/${REPO.fullName}/issues/14` }), repo: REPO },
});

export const release = (options: BaseOverrides & { id?: number; tag?: string } = {}): Of<"release"> => {
  const tag = options.tag ?? "v1.2.0";
  return {
    ...base(options),
    type: "release",
    release: {
      id: options.id ?? 8001,
      tag,
      url: `https://github.com/${REPO.fullName}/releases/tag/${tag}`,
    },
  };
};

export const answerAccepted = (
  options: BaseOverrides & { item?: ItemRef; id?: number } = {},
): Of<"answer_accepted"> => {
  const id = options.id ?? 9001;
  const item = options.item ?? discussion();
  return {
    ...base(options),
    type: "answer_accepted",
    item,
    answer: { id, url: `${item.url}#discussioncomment-${id}` },
  };
};

/** A changed file of a PR, as the pulls API lists it. */
export const file = (path: string, additions: number, deletions = 0): ChangedFile => ({
  path,
  additions,
  deletions,
});

/** A valid config from a raw `.github/gluework.yml` object; throws if it has problems. */
export const configWith = (raw: Record<string, unknown>): Config => {
  const { config, problems } = parseConfig(raw);
  if (problems.length > 0) throw new Error(`test config is invalid: ${JSON.stringify(problems)}`);
  return config;
};

export type ClassifyOptions = {
  config?: Config;
  files?: readonly ChangedFile[];
  commitInMergedPr?: boolean;
  blocked?: readonly Pick<ItemRef, "url" | "author">[];
};

export const inputFor = (activity: Activity, options: ClassifyOptions = {}): ClassifyInput => {
  const config = options.config ?? defaultConfig();
  return {
    activity,
    config,
    kindOf: createPathClassifier(config.paths),
    files: options.files,
    commitInMergedPr: options.commitInMergedPr,
    blocked: options.blocked,
  };
};

/** Classifies one activity with the default config unless told otherwise. */
export const creditsFor = (activity: Activity, options: ClassifyOptions = {}): Credit[] =>
  classify(inputFor(activity, options));

/** The rule ids an activity earns, in the classifier's order. */
export const rulesFor = (activity: Activity, options: ClassifyOptions = {}): string[] =>
  creditsFor(activity, options).map((credit) => credit.rule);

/** The Activities a webhook delivery normalises to; throws if it is skipped instead. */
export const activitiesOf = (event: string, payload: unknown): Activity[] => {
  const result = normalize(event, payload);
  if (!result.ok) throw new Error(`expected ${event} to normalise, got ${result.reason}: ${result.detail}`);
  return result.activities;
};

/** The one Activity a webhook delivery normalises to; throws unless there is exactly one. */
export const onlyActivityOf = (event: string, payload: unknown): Activity => {
  const [first, ...rest] = activitiesOf(event, payload);
  if (!first || rest.length > 0)
    throw new Error(`expected one activity from ${event}, got ${rest.length + 1}`);
  return first;
};
