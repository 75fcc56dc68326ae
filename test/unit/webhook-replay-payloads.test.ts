import { describe, expect, it } from "vitest";
import { ledgerMonth } from "../helpers/history/fixtures.js";
import { BOT, generateHistory, type History } from "../helpers/history/synthetic-history.js";
import { type Delivery, webhookDeliveries } from "../helpers/history/webhook-replay.js";
import { webhookProblems } from "../helpers/webhook-schema.js";

/** `event.action` of a delivery (`push` has no action). */
const kindOf = (delivery: Delivery) =>
  typeof delivery.payload.action === "string" ? `${delivery.name}.${delivery.payload.action}` : delivery.name;

/** What GitHub's webhook schema finds wrong, by `event.action`: the first problems of each kind. */
const problemsByKind = (deliveries: Delivery[]) => {
  const found: Record<string, string[]> = {};
  for (const delivery of deliveries) {
    const kind = kindOf(delivery);
    const problems = webhookProblems(kind, delivery.payload);
    if (problems.length > 0 && !found[kind]) found[kind] = problems;
  }
  return found;
};

const kinds = (deliveries: Delivery[]) => [...new Set(deliveries.map(kindOf))].sort();

/** The month the webhook/history ledger comparison replays. */

describe("the webhook replay of a history", () => {
  it("sends only payloads GitHub's webhook schema allows, for every kind of delivery", () => {
    const deliveries = webhookDeliveries(ledgerMonth());
    expect(kinds(deliveries)).toEqual([
      "discussion.answered",
      "discussion_comment.created",
      "issue_comment.created",
      "issue_dependencies.blocked_by_added",
      "issue_dependencies.blocking_added",
      "issues.assigned",
      "issues.closed",
      "issues.labeled",
      "issues.locked",
      "issues.milestoned",
      "issues.opened",
      "issues.reopened",
      "issues.typed",
      "milestone.created",
      "pull_request.assigned",
      "pull_request.closed",
      "pull_request.labeled",
      "pull_request.locked",
      "pull_request.ready_for_review",
      "pull_request.reopened",
      "pull_request.synchronize",
      "pull_request_review.submitted",
      "pull_request_review_comment.created",
      "push",
      "release.published",
      "sub_issues.parent_issue_added",
      "sub_issues.sub_issue_added",
    ]);
    expect(problemsByKind(deliveries)).toEqual({});
  });

  it("sends valid sub-issue, dependency and issue-type payloads, added and removed, by people and bots", () => {
    const history = generateHistory({ seed: 9, pullRequests: 4, issues: 6, heavyShare: 0 });
    const [mona, hubot] = history.members as [History["members"][number], History["members"][number]];
    const [first, second, , , fifth, sixth] = history.issues.map((issue) => issue.number) as number[];
    const at = "2026-10-20T12:00:00Z";
    history.planning = {
      subIssues: [
        { parent: fifth!, child: sixth!, actor: mona, at },
        { parent: fifth!, child: second!, actor: BOT, at },
      ],
      dependencies: [
        {
          blocked: second!,
          blocking: first!,
          actor: mona,
          at,
          removed: { actor: hubot, at: "2026-10-21T12:00:00Z" },
        },
      ],
      types: [
        { issue: second!, type: "Bug", actor: hubot, at },
        { issue: first!, type: "Task", actor: BOT, at },
      ],
    };
    const deliveries = webhookDeliveries(history);
    expect(kinds(deliveries)).toEqual(
      expect.arrayContaining([
        "issue_dependencies.blocked_by_added",
        "issue_dependencies.blocked_by_removed",
        "issue_dependencies.blocking_added",
        "issue_dependencies.blocking_removed",
        "issues.typed",
        "sub_issues.parent_issue_added",
        "sub_issues.sub_issue_added",
      ]),
    );
    expect(problemsByKind(deliveries)).toEqual({});
  });
});
