import { installation, organization, type Person, user } from "../../../src/demo/shapes/accounts.js";
import { pushCommit } from "../../../src/demo/shapes/commit.js";
import { gitSha } from "../../../src/demo/shapes/ids.js";
import {
  issueComment,
  issue as issueJson,
  issueType,
  milestone as milestoneJson,
} from "../../../src/demo/shapes/issue.js";
import {
  pullRequest as pullJson,
  reviewComment,
  review as reviewJson,
} from "../../../src/demo/shapes/pull-request.js";
import { release as releaseJson } from "../../../src/demo/shapes/release.js";
import { pushRepository, repository, repoWebUrl } from "../../../src/demo/shapes/repository.js";
import { discussionDeliveries } from "./replay-discussion.js";
import {
  issueId,
  issueSnapshot,
  milestoneSnapshot,
  pullIssueSnapshot,
  pullSnapshot,
  replayLabels,
  replayPerson,
  replayRepo,
} from "./replay-shapes.js";
import type { History, HistoryIssue, HistoryPull, HistoryUser } from "./synthetic-history.js";

/**
 * A history as the webhook deliveries GitHub would have sent while it happened, oldest first,
 * each shaped as GitHub's webhook schema describes it. Payloads carry each item's final labels
 * and association (the history keeps no older ones).
 */

export type Delivery = { name: string; payload: Record<string, unknown>; at: string };

export const webhookDeliveries = (history: History): Delivery[] => {
  const repo = replayRepo(history);
  const envelope = (sender: HistoryUser) => ({
    installation: installation(history.installationId),
    repository: repository(repo),
    organization: organization(repo.owner),
    sender: user(replayPerson(sender)),
  });
  const deliveries: Delivery[] = [];
  const push = (name: string, at: string, sender: HistoryUser, body: Record<string, unknown>) =>
    deliveries.push({ name, at, payload: { ...envelope(sender), ...body } });
  const labelled = <T extends object>(json: T, names: string[]) => ({
    ...json,
    labels: replayLabels(history, names),
  });
  const labelOf = (name?: string) => (name ? { label: replayLabels(history, [name])[0] } : {});
  const assigneeOf = (type: string, actor: HistoryUser) =>
    type === "assigned" ? { assignee: user(replayPerson(actor)) } : {};

  const pullRequest = (pr: HistoryPull, at: string, through?: number) =>
    labelled(pullJson(pullSnapshot(history, pr, at, through)), pr.labels);
  const issue = (item: HistoryIssue, at: string, through?: number) =>
    labelled(issueJson(issueSnapshot(history, item, at, through)), item.labels);

  for (const pr of history.pullRequests) {
    for (const review of pr.reviews) {
      const snapshot = pullSnapshot(history, pr, review.submittedAt);
      push("pull_request_review", review.submittedAt, review.author, {
        action: "submitted",
        pull_request: labelled(pullJson(snapshot), pr.labels),
        review: reviewJson(snapshot, {
          id: review.id,
          author: replayPerson(review.author),
          association: "MEMBER",
          state: review.state.toLowerCase(),
          body: review.body,
          at: review.submittedAt,
        }),
      });
      for (const c of review.comments) {
        const at = pullSnapshot(history, pr, c.createdAt);
        push("pull_request_review_comment", c.createdAt, c.author, {
          action: "created",
          pull_request: labelled(pullJson(at), pr.labels),
          comment: reviewComment(at, {
            id: c.id,
            reviewId: review.id,
            author: replayPerson(c.author),
            association: "MEMBER",
            path: pr.files[0]?.path ?? "README.md",
            line: 12,
            body: "Could this be simpler?",
            at: c.createdAt,
          }),
        });
      }
    }
    for (const [i, c] of pr.commits.entries()) {
      push("pull_request", c.at, c.author, {
        action: "synchronize",
        number: pr.number,
        before: pr.commits[i - 1]?.sha ?? "0".repeat(40),
        after: c.sha,
        pull_request: pullRequest(pr, c.at),
      });
    }
    for (const c of pr.comments) {
      const snapshot = pullIssueSnapshot(history, pr, c.createdAt);
      push("issue_comment", c.createdAt, c.author, {
        action: "created",
        issue: labelled(issueJson(snapshot), pr.labels),
        comment: issueComment(snapshot, {
          id: c.id,
          author: replayPerson(c.author),
          association: c.association as Person["association"],
          body: "Thanks, this reads well.",
          at: c.createdAt,
        }),
      });
    }
    for (const [i, event] of pr.events.entries()) {
      const merge = event.type === "closed" && pr.mergedAt;
      const at = merge ? (pr.mergedAt as string) : event.at;
      push("pull_request", at, event.actor, {
        action: event.type === "ready" ? "ready_for_review" : event.type,
        number: pr.number,
        pull_request: pullRequest(pr, at, i),
        ...labelOf(event.label),
        ...assigneeOf(event.type, event.actor),
      });
    }
  }

  for (const item of history.issues) {
    push("issues", item.createdAt, item.author, {
      action: "opened",
      issue: issue(item, item.createdAt),
    });
    for (const c of item.comments) {
      const snapshot = issueSnapshot(history, item, c.createdAt);
      push("issue_comment", c.createdAt, c.author, {
        action: "created",
        issue: labelled(issueJson(snapshot), item.labels),
        comment: issueComment(snapshot, {
          id: c.id,
          author: replayPerson(c.author),
          association: c.association as Person["association"],
          body: "I can reproduce this.",
          at: c.createdAt,
        }),
      });
    }
    for (const [i, event] of item.events.entries()) {
      const milestone = event.type === "milestoned" ? milestoneSnapshot(history, event.milestone) : null;
      push("issues", event.at, event.actor, {
        action: event.type,
        issue: issue(item, event.at, i),
        ...labelOf(event.label),
        ...assigneeOf(event.type, event.actor),
        ...(milestone ? { milestone: milestoneJson(milestone) } : {}),
      });
    }
  }

  const issueNumbered = (number: number, at: string) => {
    const found = history.issues.find((candidate) => candidate.number === number);
    if (!found) throw new Error(`no issue ${number} in the history`);
    return issue(found, at);
  };
  // Within one repository GitHub sends both sides of a sub-issue or dependency.
  for (const added of history.planning.subIssues) {
    const body = {
      parent_issue_id: issueId(added.parent),
      parent_issue: issueNumbered(added.parent, added.at),
      sub_issue_id: issueId(added.child),
      sub_issue: issueNumbered(added.child, added.at),
    };
    push("sub_issues", added.at, added.actor, {
      action: "sub_issue_added",
      ...body,
      sub_issue_repo: repository(repo),
    });
    push("sub_issues", added.at, added.actor, {
      action: "parent_issue_added",
      ...body,
      parent_issue_repo: repository(repo),
    });
  }
  const dependencyDeliveries = (
    dependency: History["planning"]["dependencies"][number],
    sender: HistoryUser,
    at: string,
    change: "added" | "removed",
  ) => {
    const body = {
      blocked_issue_id: issueId(dependency.blocked),
      blocked_issue: issueNumbered(dependency.blocked, at),
      blocking_issue_id: issueId(dependency.blocking),
      blocking_issue: issueNumbered(dependency.blocking, at),
    };
    push("issue_dependencies", at, sender, {
      action: `blocked_by_${change}`,
      ...body,
      blocking_issue_repo: repository(repo),
    });
    push("issue_dependencies", at, sender, {
      action: `blocking_${change}`,
      ...body,
      blocked_issue_repo: repository(repo),
    });
  };
  for (const dependency of history.planning.dependencies) {
    dependencyDeliveries(dependency, dependency.actor, dependency.at, "added");
    if (dependency.removed)
      dependencyDeliveries(dependency, dependency.removed.actor, dependency.removed.at, "removed");
  }
  for (const typing of history.planning.types) {
    push("issues", typing.at, typing.actor, {
      action: "typed",
      issue: issueNumbered(typing.issue, typing.at),
      type: issueType(4100 + typing.type.length, typing.type),
    });
  }

  for (const commit of history.commits) {
    const listed = pushCommit(repo, {
      sha: commit.sha,
      author: replayPerson(commit.author),
      message: commit.message,
      at: commit.at,
      modified: commit.files,
    });
    const before = gitSha(`${history.repo.fullName}:before:${commit.sha}`);
    push("push", commit.at, commit.author, {
      ref: `refs/heads/${history.repo.defaultBranch}`,
      before,
      after: commit.sha,
      repository: pushRepository(repo, commit.at),
      pusher: { name: commit.author.login, email: listed.author.email },
      created: false,
      deleted: false,
      forced: false,
      base_ref: null,
      compare: `${repoWebUrl(repo)}/compare/${before.slice(0, 12)}...${commit.sha.slice(0, 12)}`,
      commits: [listed],
      head_commit: listed,
    });
  }

  for (const release of history.releases) {
    push("release", release.publishedAt, release.author, {
      action: "published",
      release: releaseJson({
        repo,
        id: release.id,
        tag: release.tag,
        // Untitled, as the history has it: GitHub shows the tag.
        name: null,
        body: `What changed in ${release.tag}.`,
        author: replayPerson(release.author),
        draft: false,
        createdAt: release.createdAt,
        publishedAt: release.publishedAt,
      }),
    });
  }

  for (const m of history.milestones) {
    const snapshot = milestoneSnapshot(history, m.number);
    push("milestone", m.createdAt, m.creator, {
      action: "created",
      milestone: snapshot ? milestoneJson(snapshot) : null,
    });
  }

  for (const discussion of history.discussions)
    for (const delivery of discussionDeliveries(history, discussion))
      push(delivery.name, delivery.at, delivery.sender, delivery.body);

  return deliveries.sort((a, b) => a.at.localeCompare(b.at));
};
