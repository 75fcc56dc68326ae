import { isBotLogin, toIso } from "../events/refs.js";
import type { PullRequestRef, TriageAction } from "../vocabulary/activity.js";
import type { ChangedFile } from "../vocabulary/credit.js";
import type { PullRequestNode, TimelineEvent } from "./history-schemas.js";
import {
  baseOf,
  type HistoryEntry,
  type HistoryScope,
  toHistoryActor,
  toItem,
  withinWindow,
} from "./map-refs.js";

/** Timeline events of a PR that webhooks turn into triage (`pull_request.labeled`, …). */
const PULL_REQUEST_TRIAGE: Record<string, TriageAction> = {
  LabeledEvent: "label",
  AssignedEvent: "assign",
  ClosedEvent: "close",
  ReopenedEvent: "reopen",
  LockedEvent: "lock",
};

export const pullRequestFiles = (node: PullRequestNode): ChangedFile[] =>
  (node.files?.nodes ?? []).map((file) => ({
    path: file.path,
    additions: file.additions,
    deletions: file.deletions,
  }));

/** When the PR was marked ready for review, each time, oldest first. */
export const readyTimes = (node: PullRequestNode): string[] =>
  node.timelineItems.nodes
    .filter((event) => event.__typename === "ReadyForReviewEvent" && event.createdAt)
    .map((event) => toIso(event.createdAt as string))
    .sort();

/**
 * The waiting time of a review starts when the PR was last marked ready before it (else when it
 * was opened). A review before a later "ready for review" was a review of a draft: it waited
 * for nothing, as the webhook path concludes when that event arrives.
 */
export const readyAtForReview = (pr: PullRequestRef, ready: readonly string[], at: string): string => {
  if (ready.some((time) => time > at)) return at;
  return ready.filter((time) => time <= at).at(-1) ?? pr.readyAt;
};

const triageEntries = (scope: HistoryScope, node: PullRequestNode, pr: PullRequestRef): HistoryEntry[] => {
  const closes = node.timelineItems.nodes.filter((event) => event.__typename === "ClosedEvent");
  // A merged PR's last close is the merge, which webhooks report as `closed` with `merged_at`.
  const mergeClose = node.mergedAt ? closes.at(-1) : undefined;
  return node.timelineItems.nodes.flatMap((event: TimelineEvent): HistoryEntry[] => {
    const action = PULL_REQUEST_TRIAGE[event.__typename];
    const actor = toHistoryActor(event.actor ?? null);
    if (!action || !actor || !event.createdAt || event === mergeClose) return [];
    if (action === "label" && !event.label) return [];
    return [
      {
        activity: {
          ...baseOf(scope, actor, event.createdAt),
          type: "triage",
          action,
          item: pr,
          ...(action === "label" && event.label ? { label: event.label.name } : {}),
        },
      },
    ];
  });
};

/**
 * The PR's commits as pushes to its branch, one per commit, credited to the commit's author
 * (who pushed it is not in history). Keyed by the commit's sha, as a webhook push of that one
 * commit is; the rules credit only commits by someone other than the PR's author.
 */
const commitEntries = (scope: HistoryScope, node: PullRequestNode, pr: PullRequestRef): HistoryEntry[] =>
  node.commits.nodes.flatMap(({ commit }): HistoryEntry[] => {
    const user = commit.author?.user;
    if (!user) return [];
    const actor = { login: user.login, id: user.databaseId ?? null, bot: isBotLogin(user.login) };
    return [
      { activity: { ...baseOf(scope, actor, commit.committedDate), type: "pr_pushed", pr, sha: commit.oid } },
    ];
  });

/**
 * A pull request's history as the Activities its webhooks would have produced: the merge,
 * each submitted review and inline comment, each conversation comment, each commit pushed to
 * its branch, and triage by others.
 */
export const pullRequestEntries = (scope: HistoryScope, node: PullRequestNode): HistoryEntry[] => {
  const item = toItem("pull_request", node);
  const pr: PullRequestRef = {
    ...item,
    kind: "pull_request",
    headSha: node.headRefOid,
    readyAt: item.createdAt,
  };
  const files = pullRequestFiles(node);
  const ready = readyTimes(node);
  const entries: HistoryEntry[] = [];
  if (node.mergedAt) {
    entries.push({ activity: { ...baseOf(scope, pr.author, node.mergedAt), type: "pr_merged", pr }, files });
  }
  for (const review of node.reviews.nodes) {
    const reviewer = toHistoryActor(review.author);
    if (reviewer && review.submittedAt && review.state !== "PENDING") {
      const at = toIso(review.submittedAt);
      entries.push({
        activity: {
          ...baseOf(scope, reviewer, at),
          type: "review",
          pr: { ...pr, readyAt: readyAtForReview(pr, ready, at) },
          review: {
            id: review.fullDatabaseId,
            state: review.state.toLowerCase(),
            body: review.body ?? "",
            url: review.url,
          },
          actorAssociation: review.authorAssociation,
        },
        files,
      });
    }
    for (const comment of review.comments.nodes) {
      const author = toHistoryActor(comment.author);
      if (!author) continue;
      entries.push({
        activity: {
          ...baseOf(scope, author, comment.createdAt),
          type: "review_comment",
          pr,
          comment: { id: comment.fullDatabaseId, url: comment.url },
        },
        files,
      });
    }
  }
  for (const comment of node.comments.nodes) {
    const author = toHistoryActor(comment.author);
    if (!author) continue;
    entries.push({
      activity: {
        ...baseOf(scope, author, comment.createdAt),
        type: "comment",
        item,
        actorAssociation: comment.authorAssociation,
        comment: { id: comment.fullDatabaseId, url: comment.url },
      },
      files,
    });
  }
  entries.push(...commitEntries(scope, node, pr));
  entries.push(...triageEntries(scope, node, pr));
  return withinWindow(scope, entries);
};
