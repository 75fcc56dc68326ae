import { BASE_URL, historyTitle } from "./graphql-data.js";
import type { History, HistoryEvent, HistoryPull, HistoryUser } from "./synthetic-history.js";

/**
 * A history as the webhook deliveries GitHub would have sent while it happened, oldest first.
 * Payloads carry each item's final labels and association (the history keeps no older ones).
 */

export type Delivery = { name: string; payload: Record<string, unknown>; at: string };

const user = (who: HistoryUser) => ({
  login: who.type === "Bot" ? `${who.login}[bot]` : who.login,
  id: who.id,
  type: who.type,
});

export const webhookDeliveries = (history: History): Delivery[] => {
  const repoUrl = `${BASE_URL}/${history.repo.fullName}`;
  const envelope = (sender: HistoryUser) => ({
    installation: { id: history.installationId },
    repository: {
      id: history.repo.id,
      name: history.repo.name,
      full_name: history.repo.fullName,
      private: history.repo.private,
      default_branch: history.repo.defaultBranch,
      owner: { login: history.repo.owner },
      html_url: repoUrl,
    },
    sender: user(sender),
  });
  const deliveries: Delivery[] = [];
  const push = (name: string, at: string, sender: HistoryUser, body: Record<string, unknown>) =>
    deliveries.push({ name, at, payload: { ...envelope(sender), ...body } });
  const milestone = (number?: number) => {
    const found = history.milestones.find((m) => m.number === number);
    if (!found) return null;
    return {
      id: found.id,
      number: found.number,
      title: found.title,
      html_url: `${repoUrl}/milestone/${found.number}`,
      created_at: found.createdAt,
      updated_at: found.createdAt,
      closed_at: null,
    };
  };

  const pullRequest = (pr: HistoryPull, at: string) => ({
    id: 100_000 + pr.number,
    number: pr.number,
    title: historyTitle("pulls", pr.number),
    html_url: `${repoUrl}/pull/${pr.number}`,
    user: user(pr.author),
    author_association: pr.association,
    labels: pr.labels.map((name) => ({ name })),
    created_at: pr.createdAt,
    updated_at: at,
    closed_at: pr.mergedAt && at >= pr.mergedAt ? pr.mergedAt : null,
    merged_at: pr.mergedAt && at >= pr.mergedAt ? pr.mergedAt : null,
    merged: Boolean(pr.mergedAt && at >= pr.mergedAt),
    merge_commit_sha: pr.mergedAt && at >= pr.mergedAt ? pr.mergeCommitSha : null,
    draft: pr.draft,
    state: "open",
    head: { sha: pr.headSha, ref: `topic-${pr.number}` },
    base: { ref: history.repo.defaultBranch },
  });
  const issueOf = (
    item: { number: number; author: HistoryUser; association: string; labels: string[]; createdAt: string },
    kind: "issues" | "pull",
    at: string,
    extra: Record<string, unknown> = {},
  ) => ({
    id: 200_000 + item.number,
    number: item.number,
    title: historyTitle(kind === "pull" ? "pulls" : "issues", item.number),
    html_url: `${repoUrl}/${kind}/${item.number}`,
    user: user(item.author),
    author_association: item.association,
    labels: item.labels.map((name) => ({ name })),
    created_at: item.createdAt,
    updated_at: at,
    state: "open",
    ...(kind === "pull" ? { pull_request: { url: `${repoUrl}/pull/${item.number}` } } : {}),
    ...extra,
  });
  const comment = (
    url: string,
    c: { id: number; author: HistoryUser; association: string; createdAt: string },
  ) => ({
    id: c.id,
    html_url: `${url}#issuecomment-${c.id}`,
    user: user(c.author),
    author_association: c.association,
    created_at: c.createdAt,
  });

  for (const pr of history.pullRequests) {
    const url = `${repoUrl}/pull/${pr.number}`;
    for (const review of pr.reviews) {
      push("pull_request_review", review.submittedAt, review.author, {
        action: "submitted",
        pull_request: pullRequest(pr, review.submittedAt),
        review: {
          id: review.id,
          user: user(review.author),
          state: review.state.toLowerCase(),
          body: review.body,
          html_url: `${url}#pullrequestreview-${review.id}`,
          submitted_at: review.submittedAt,
        },
      });
      for (const c of review.comments) {
        push("pull_request_review_comment", c.createdAt, c.author, {
          action: "created",
          pull_request: pullRequest(pr, c.createdAt),
          comment: {
            id: c.id,
            html_url: `${url}#discussion_r${c.id}`,
            user: user(c.author),
            author_association: "MEMBER",
            created_at: c.createdAt,
          },
        });
      }
    }
    for (const [i, c] of pr.commits.entries()) {
      push("pull_request", c.at, c.author, {
        action: "synchronize",
        before: pr.commits[i - 1]?.sha ?? "0".repeat(40),
        after: c.sha,
        pull_request: pullRequest(pr, c.at),
      });
    }
    for (const c of pr.comments) {
      push("issue_comment", c.createdAt, c.author, {
        action: "created",
        issue: issueOf(pr, "pull", c.createdAt),
        comment: comment(url, c),
      });
    }
    for (const event of pr.events) {
      if (event.type === "closed" && pr.mergedAt) {
        push("pull_request", pr.mergedAt, event.actor, {
          action: "closed",
          pull_request: pullRequest(pr, pr.mergedAt),
        });
        continue;
      }
      const action = event.type === "ready" ? "ready_for_review" : event.type;
      push("pull_request", event.at, event.actor, {
        action,
        pull_request: {
          ...pullRequest(pr, event.at),
          ...(event.type === "closed" ? { closed_at: event.at, state: "closed" } : {}),
        },
        ...(event.label ? { label: { name: event.label } } : {}),
      });
    }
  }

  for (const issue of history.issues) {
    const url = `${repoUrl}/issues/${issue.number}`;
    push("issues", issue.createdAt, issue.author, {
      action: "opened",
      issue: issueOf(issue, "issues", issue.createdAt, { body: issue.body }),
    });
    for (const c of issue.comments) {
      push("issue_comment", c.createdAt, c.author, {
        action: "created",
        issue: issueOf(issue, "issues", c.createdAt),
        comment: comment(url, c),
      });
    }
    for (const event of issue.events) {
      const extra = (e: HistoryEvent) =>
        e.type === "closed"
          ? { closed_at: e.at, state: "closed", state_reason: e.duplicate ? "duplicate" : "completed" }
          : {};
      push("issues", event.at, event.actor, {
        action: event.type,
        issue: issueOf(issue, "issues", event.at, extra(event)),
        ...(event.label ? { label: { name: event.label } } : {}),
        ...(event.type === "milestoned" ? { milestone: milestone(event.milestone) } : {}),
      });
    }
  }

  const issueNumbered = (number: number, at: string) => {
    const issue = history.issues.find((candidate) => candidate.number === number);
    if (!issue) throw new Error(`no issue ${number} in the history`);
    return issueOf(issue, "issues", at);
  };
  // Within one repository GitHub sends both sides of a sub-issue or dependency.
  for (const added of history.planning.subIssues) {
    const body = {
      parent_issue_id: 200_000 + added.parent,
      parent_issue: issueNumbered(added.parent, added.at),
      sub_issue_id: 200_000 + added.child,
      sub_issue: issueNumbered(added.child, added.at),
    };
    const repository = envelope(added.actor).repository;
    push("sub_issues", added.at, added.actor, {
      action: "sub_issue_added",
      ...body,
      sub_issue_repo: repository,
    });
    push("sub_issues", added.at, added.actor, {
      action: "parent_issue_added",
      ...body,
      parent_issue_repo: repository,
    });
  }
  const dependencyDeliveries = (
    dependency: History["planning"]["dependencies"][number],
    sender: HistoryUser,
    at: string,
    change: "added" | "removed",
  ) => {
    const body = {
      blocked_issue_id: 200_000 + dependency.blocked,
      blocked_issue: issueNumbered(dependency.blocked, at),
      blocking_issue_id: 200_000 + dependency.blocking,
      blocking_issue: issueNumbered(dependency.blocking, at),
    };
    const repository = envelope(sender).repository;
    push("issue_dependencies", at, sender, {
      action: `blocked_by_${change}`,
      ...body,
      blocking_issue_repo: repository,
    });
    push("issue_dependencies", at, sender, {
      action: `blocking_${change}`,
      ...body,
      blocked_issue_repo: repository,
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
      type: { id: 4100 + typing.type.length, node_id: `IT_${typing.type}`, name: typing.type },
    });
  }

  for (const commit of history.commits) {
    push("push", commit.at, commit.author, {
      ref: `refs/heads/${history.repo.defaultBranch}`,
      commits: [
        {
          id: commit.sha,
          message: commit.message,
          timestamp: commit.at,
          url: `${repoUrl}/commit/${commit.sha}`,
          distinct: true,
          author: {
            name: commit.author.login,
            email: `${commit.author.login}@example.com`,
            username: commit.author.login,
          },
          added: [],
          removed: [],
          modified: commit.files,
        },
      ],
    });
  }

  for (const release of history.releases) {
    push("release", release.publishedAt, release.author, {
      action: "published",
      release: {
        id: release.id,
        tag_name: release.tag,
        html_url: `${repoUrl}/releases/tag/${release.tag}`,
        draft: false,
        created_at: release.createdAt,
        published_at: release.publishedAt,
      },
    });
  }

  for (const m of history.milestones)
    push("milestone", m.createdAt, m.creator, { action: "created", milestone: milestone(m.number) });

  for (const discussion of history.discussions) {
    const url = `${repoUrl}/discussions/${discussion.number}`;
    const body = (at: string) => ({
      id: 300_000 + discussion.number,
      number: discussion.number,
      title: historyTitle("discussions", discussion.number),
      html_url: url,
      user: user(discussion.author),
      author_association: discussion.association,
      created_at: discussion.createdAt,
      updated_at: at,
      labels: [],
      answer_chosen_at: discussion.answer?.chosenAt ?? null,
    });
    const reply = (c: { id: number; author: HistoryUser; association: string; createdAt: string }) => ({
      id: c.id,
      html_url: `${url}#discussioncomment-${c.id}`,
      user: user(c.author),
      author_association: c.association,
      created_at: c.createdAt,
    });
    for (const c of discussion.comments.flatMap((c) => [c, ...c.replies])) {
      push("discussion_comment", c.createdAt, c.author, {
        action: "created",
        discussion: body(c.createdAt),
        comment: reply(c),
      });
    }
    const answered = discussion.comments.find((c) => c.id === discussion.answer?.commentId);
    if (discussion.answer && answered) {
      push("discussion", discussion.answer.chosenAt, discussion.author, {
        action: "answered",
        discussion: body(discussion.answer.chosenAt),
        answer: reply(answered),
      });
    }
  }

  return deliveries.sort((a, b) => a.at.localeCompare(b.at));
};
