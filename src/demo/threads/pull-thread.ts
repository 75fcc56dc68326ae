import type { DemoFile } from "../demo-month.js";
import type { Association, Person } from "../shapes/accounts.js";
import type { CommitSpec } from "../shapes/commit.js";
import { gitSha } from "../shapes/ids.js";
import { type IssueSnapshot, issue, issueComment } from "../shapes/issue.js";
import type { LabelName } from "../shapes/labels.js";
import { label } from "../shapes/labels.js";
import {
  type PullSnapshot,
  pullRequest,
  pullRequestSummary,
  review,
  reviewComment,
} from "../shapes/pull-request.js";
import type { Repo } from "../shapes/repository.js";
import { clock, type Timeline } from "../timeline.js";
import { pushToDefaultBranch } from "./push.js";

export type PullSpec = {
  number: number;
  author: Person;
  /** Defaults to the author's usual association. */
  association?: Association;
  title: string;
  body: string;
  branch: string;
  at: string;
  files: DemoFile[];
  labels?: LabelName[];
  reviewers?: Person[];
  draft?: boolean;
  /** Opened from the author's fork rather than a branch of the repository. */
  fromFork?: boolean;
};

export type InlineComment = { path: string; line: number; body: string };

type ReviewState = "approved" | "changes_requested" | "commented";

/** How a PR is merged, which decides the commits its push to the default branch carries. */
export type MergeMethod = "merge" | "squash" | "rebase";

const forkOf = (repo: Repo, person: Person): Repo => ({
  ...repo,
  owner: { login: person.login, id: person.id, description: "", kind: "User" },
  id: repo.id + person.id,
  fork: true,
});

const filePaths = (files: DemoFile[], status: DemoFile["status"][]) =>
  files.filter((file) => status.includes(file.status)).map((file) => file.filename);

/**
 * A pull request's life: opened, labelled, reviewed, pushed to, merged. Each step emits the
 * webhook deliveries GitHub sends for it, carrying the PR as it is at that moment.
 */
export const openPull = (t: Timeline, repo: Repo, spec: PullSpec) => {
  const tick = clock(`${repo.name}#${spec.number}`, spec.at);
  let pushes = 0;
  const state: PullSnapshot = {
    repo,
    id: t.nextId("pull"),
    number: spec.number,
    title: spec.title,
    body: spec.body,
    author: spec.author,
    association: spec.association ?? spec.author.association,
    headRepo: spec.fromFork ? forkOf(repo, spec.author) : repo,
    branch: spec.branch,
    headSha: gitSha(`${repo.name}#${spec.number}:head:0`),
    baseSha: gitSha(`${repo.name}:base:${spec.at}`),
    labels: [...(spec.labels ?? [])],
    assignees: [],
    requestedReviewers: [...(spec.reviewers ?? [])],
    milestone: null,
    draft: spec.draft ?? false,
    state: "open",
    createdAt: spec.at,
    updatedAt: spec.at,
    closedAt: null,
    mergedAt: null,
    mergedBy: null,
    mergeCommitSha: null,
    comments: 0,
    reviewComments: 0,
    commits: 1,
    additions: spec.files.reduce((sum, file) => sum + file.additions, 0),
    deletions: spec.files.reduce((sum, file) => sum + file.deletions, 0),
    changedFiles: spec.files.length,
  };
  t.setPullFiles(repo, spec.number, spec.files);

  const pullEvent = (at: string, action: string, sender: Person, extra: Record<string, unknown> = {}) => {
    state.updatedAt = tick(at);
    t.emit(at, "pull_request", {
      action,
      number: state.number,
      pull_request: pullRequest(state),
      ...extra,
      ...t.envelope(repo, sender),
    });
  };
  const issueId = t.nextId("issue");
  /** The PR as the issues API sees it, which is how `issue_comment` carries it. */
  const asIssue = (): IssueSnapshot => ({
    ...state,
    id: issueId,
    stateReason: null,
    locked: false,
    lockReason: null,
    pullRequest: { mergedAt: state.mergedAt },
  });
  const associationOf = (person: Person): Association =>
    person.login === state.author.login ? state.association : person.association;

  pullEvent(spec.at, "opened", spec.author);

  return {
    number: spec.number,
    label: (by: Person, at: string, name: LabelName) => {
      state.labels.push(name);
      pullEvent(at, "labeled", by, { label: label(repo, name) });
    },
    unlabel: (by: Person, at: string, name: LabelName) => {
      state.labels = state.labels.filter((existing) => existing !== name);
      pullEvent(at, "unlabeled", by, { label: label(repo, name) });
    },
    readyForReview: (at: string) => {
      state.draft = false;
      pullEvent(at, "ready_for_review", state.author);
    },
    /** New commits on the PR's branch, by its author or by someone helping. */
    push: (by: Person, at: string) => {
      const before = state.headSha;
      pushes += 1;
      state.headSha = gitSha(`${repo.name}#${spec.number}:head:${pushes}`);
      state.commits += 1;
      pullEvent(at, "synchronize", by, { before, after: state.headSha });
    },
    review: (
      by: Person,
      at: string,
      reviewState: ReviewState,
      body: string | null,
      inline: InlineComment[] = [],
    ) => {
      tick(at);
      const reviewId = t.nextId("review");
      for (const comment of inline) {
        state.reviewComments += 1;
        state.updatedAt = at;
        t.emit(at, "pull_request_review_comment", {
          action: "created",
          comment: reviewComment(state, {
            id: t.nextId("reviewComment"),
            reviewId,
            author: by,
            association: associationOf(by),
            ...comment,
            at,
          }),
          pull_request: pullRequestSummary(state),
          ...t.envelope(repo, by),
        });
      }
      state.requestedReviewers = state.requestedReviewers.filter((person) => person.login !== by.login);
      state.updatedAt = at;
      t.emit(at, "pull_request_review", {
        action: "submitted",
        review: review(state, {
          id: reviewId,
          author: by,
          association: associationOf(by),
          state: reviewState,
          body,
          at,
        }),
        pull_request: pullRequestSummary(state),
        ...t.envelope(repo, by),
      });
    },
    /** A comment on the PR's conversation tab. */
    comment: (by: Person, at: string, body: string) => {
      state.comments += 1;
      state.updatedAt = tick(at);
      t.emit(at, "issue_comment", {
        action: "created",
        issue: issue(asIssue()),
        comment: issueComment(asIssue(), {
          id: t.nextId("issueComment"),
          author: by,
          association: associationOf(by),
          body,
          at,
        }),
        ...t.envelope(repo, by),
      });
    },
    close: (by: Person, at: string) => {
      state.state = "closed";
      state.closedAt = at;
      pullEvent(at, "closed", by);
    },
    merge: (by: Person, at: string, method: MergeMethod) => {
      state.state = "closed";
      state.closedAt = at;
      state.mergedAt = at;
      state.mergedBy = by;
      state.mergeCommitSha = gitSha(`${repo.name}#${spec.number}:merge`);
      pullEvent(at, "closed", by);
      pushToDefaultBranch(t, repo, by, at, mergeCommits(state, spec.files, method), {
        number: state.number,
        merged_at: at,
      });
    },
  };
};

export type PullThread = ReturnType<typeof openPull>;

/** The commits a merge puts on the default branch, with the messages GitHub writes for each method. */
const mergeCommits = (pr: PullSnapshot, files: DemoFile[], method: MergeMethod): CommitSpec[] => {
  const changes = {
    added: filePaths(files, ["added"]),
    modified: filePaths(files, ["modified", "renamed"]),
    removed: filePaths(files, ["removed"]),
  };
  const sha = pr.mergeCommitSha ?? gitSha(`${pr.repo.name}#${pr.number}:merge`);
  const at = pr.mergedAt ?? pr.updatedAt;
  switch (method) {
    case "squash":
      return [
        {
          sha,
          author: pr.author,
          committer: "web-flow",
          message: `${pr.title} (#${pr.number})`,
          at,
          ...changes,
        },
      ];
    case "merge":
      return [
        {
          sha,
          author: pr.mergedBy ?? pr.author,
          committer: "web-flow",
          message: `Merge pull request #${pr.number} from ${pr.headRepo.owner.login}/${pr.branch}\n\n${pr.title}`,
          at,
          ...changes,
        },
      ];
    case "rebase":
      // A rebase keeps the author's own message, which names no PR.
      return [{ sha, author: pr.author, committer: "web-flow", message: pr.title, at, ...changes }];
  }
};
