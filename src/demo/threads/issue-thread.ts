import { type Association, type Person, user } from "../shapes/accounts.js";
import {
  type IssueSnapshot,
  issue,
  issueComment,
  issueType,
  milestone,
  transferChanges,
} from "../shapes/issue.js";
import { type LabelName, label } from "../shapes/labels.js";
import { type Repo, repository } from "../shapes/repository.js";
import { clock, type Timeline } from "../timeline.js";
import type { MilestoneThread } from "./milestone-thread.js";

export type IssueSpec = {
  number: number;
  author: Person;
  association?: Association;
  title: string;
  body: string;
  at: string;
  labels?: LabelName[];
};

type CloseReason = "completed" | "not_planned" | "duplicate";

/**
 * An issue's life: opened, triaged, discussed, closed. Each step emits the webhook delivery
 * GitHub sends for it, carrying the issue as it is at that moment.
 */
export const openIssue = (
  t: Timeline,
  repo: Repo,
  spec: IssueSpec,
  transfer?: { from: IssueSnapshot; by: Person; id: number },
) => {
  const transferredFrom = transfer?.from;
  const tick = clock(`${repo.name}#${spec.number}`, spec.at);
  const state: IssueSnapshot = {
    repo,
    id: transfer?.id ?? t.nextId("issue"),
    number: spec.number,
    title: spec.title,
    body: spec.body,
    author: spec.author,
    association: spec.association ?? spec.author.association,
    labels: [...(spec.labels ?? [])],
    assignees: [],
    milestone: null,
    state: "open",
    stateReason: null,
    locked: false,
    lockReason: null,
    comments: transferredFrom?.comments ?? 0,
    createdAt: transferredFrom?.createdAt ?? spec.at,
    updatedAt: spec.at,
    closedAt: null,
  };
  let milestoneThread: MilestoneThread | null = null;

  const issuesEvent = (at: string, action: string, sender: Person, extra: Record<string, unknown> = {}) => {
    state.updatedAt = tick(at);
    t.emit(at, "issues", { action, issue: issue(state), ...extra, ...t.envelope(repo, sender) });
  };
  const changes = transferredFrom
    ? { changes: { old_issue: issue(transferredFrom), old_repository: repository(transferredFrom.repo) } }
    : {};
  issuesEvent(spec.at, "opened", transfer?.by ?? spec.author, changes);

  const thread = {
    number: spec.number,
    /** The issue as it is now. */
    snapshot: (): IssueSnapshot => ({ ...state }),
    label: (by: Person, at: string, name: LabelName) => {
      state.labels.push(name);
      issuesEvent(at, "labeled", by, { label: label(repo, name) });
    },
    assign: (by: Person, at: string, assignee: Person) => {
      state.assignees.push(assignee);
      issuesEvent(at, "assigned", by, { assignee: user(assignee) });
    },
    milestone: (by: Person, at: string, target: MilestoneThread) => {
      target.added();
      milestoneThread = target;
      state.milestone = target.snapshot();
      issuesEvent(at, "milestoned", by, { milestone: milestone(state.milestone) });
    },
    edit: (by: Person, at: string, body: string) => {
      const previous = state.body;
      state.body = body;
      issuesEvent(at, "edited", by, { changes: { body: { from: previous } } });
    },
    comment: (by: Person, at: string, body: string) => {
      state.comments += 1;
      state.updatedAt = tick(at);
      const association = by.login === state.author.login ? state.association : by.association;
      t.emit(at, "issue_comment", {
        action: "created",
        issue: issue(state),
        comment: issueComment(state, { id: t.nextId("issueComment"), author: by, association, body, at }),
        ...t.envelope(repo, by),
      });
    },
    close: (by: Person, at: string, reason: CloseReason) => {
      state.state = "closed";
      state.stateReason = reason;
      state.closedAt = at;
      milestoneThread?.issueClosed();
      if (milestoneThread) state.milestone = milestoneThread.snapshot();
      issuesEvent(at, "closed", by);
    },
    reopen: (by: Person, at: string) => {
      state.state = "open";
      state.stateReason = "reopened";
      state.closedAt = null;
      issuesEvent(at, "reopened", by);
    },
    /** Sets the issue's type (`issues.typed`). */
    setType: (by: Person, at: string, name: string) => {
      issuesEvent(at, "typed", by, { type: issueType(t.nextId("issueType"), name) });
    },
    /** Adds `child` (of this repository) as a sub-issue: `sub_issues.sub_issue_added`. */
    addSubIssue: (by: Person, at: string, child: { snapshot: () => IssueSnapshot }) => {
      state.updatedAt = tick(at);
      const sub = { ...child.snapshot(), updatedAt: at };
      t.emit(at, "sub_issues", {
        action: "sub_issue_added",
        sub_issue_id: sub.id,
        sub_issue: issue(sub),
        sub_issue_repo: repository(repo),
        parent_issue_id: state.id,
        parent_issue: issue(state),
        ...t.envelope(repo, by),
      });
    },
    /** Records that this issue is blocked by `blocker` (of this repository): `issue_dependencies.blocked_by_added`. */
    blockedBy: (by: Person, at: string, blocker: { snapshot: () => IssueSnapshot }) => {
      state.updatedAt = tick(at);
      const blocking = { ...blocker.snapshot(), updatedAt: at };
      t.emit(at, "issue_dependencies", {
        action: "blocked_by_added",
        blocked_issue_id: state.id,
        blocked_issue: issue(state),
        blocking_issue_id: blocking.id,
        blocking_issue: issue(blocking),
        blocking_issue_repo: repository(repo),
        ...t.envelope(repo, by),
      });
    },
    lock: (by: Person, at: string, reason: NonNullable<IssueSnapshot["lockReason"]>) => {
      state.locked = true;
      state.lockReason = reason;
      issuesEvent(at, "locked", by);
    },
    /** Moves the issue to `target`: `transferred` here, `opened` (with `changes`) there. */
    transfer: (by: Person, at: string, target: Repo, newNumber: number) => {
      const from = { ...state, labels: [...state.labels] };
      const id = t.nextId("issue");
      const moved: IssueSnapshot = {
        ...from,
        repo: target,
        id,
        number: newNumber,
        labels: [],
        assignees: [],
        milestone: null,
        updatedAt: at,
      };
      issuesEvent(at, "transferred", by, { changes: transferChanges(moved, repository(target)) });
      const movedSpec = { ...spec, number: newNumber, at, labels: [], association: state.association };
      return openIssue(t, target, movedSpec, { from, by, id });
    },
  };
  return thread;
};

export type IssueThread = ReturnType<typeof openIssue>;
