import nock from "nock";
import { describe, expect, it } from "vitest";
import {
  BOT,
  generateHistory,
  type HistoryEvent,
  type HistoryUser,
} from "../helpers/history/synthetic-history.js";
import { webhooksThenBackfill } from "../helpers/history/webhooks-then-backfill.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { dependencyRows } from "../helpers/ledger.js";
import { API } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";

const SINCE = new Date("2026-09-01T00:00:00Z");
const at = (day: number, hour = 12) =>
  `2026-10-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00Z`;

/**
 * Six issues of one month: three blockers closed by hubot, each recorded as blocking someone
 * else's issue — one record removed before the close, one blocked issue closed before it, one
 * still waiting (recorded by a bot) — a sub-issue added by a person and one by a bot, an issue's
 * type set and changed by someone else (twice the same day, once the next) and one set by its
 * own author.
 */
const month = () => {
  const history = generateHistory({
    seed: 9,
    pullRequests: 0,
    issues: 6,
    commits: 0,
    releases: 0,
    milestones: 0,
    discussions: 0,
    heavyShare: 0,
  });
  const [mona, hubot, octocat, lisa, raj, amara] = history.members as [HistoryUser, ...HistoryUser[]] &
    HistoryUser[];
  const closed = (by: HistoryUser, day: number): HistoryEvent => ({ type: "closed", actor: by, at: at(day) });
  const authors = [mona, octocat, mona, raj, mona, amara];
  const events: HistoryEvent[][] = [
    [closed(hubot!, 10)],
    [],
    [closed(hubot!, 12)],
    [closed(raj!, 8)],
    [closed(hubot!, 14)],
    [],
  ];
  history.issues.forEach((issue, index) => {
    Object.assign(issue, {
      author: authors[index],
      association: "MEMBER",
      labels: [],
      createdAt: at(1),
      updatedAt: at(20),
      body: "Something is off.",
      comments: [],
      events: events[index],
    });
  });
  history.planning = {
    subIssues: [
      { parent: 5, child: 6, actor: lisa!, at: at(6) },
      { parent: 5, child: 2, actor: BOT, at: at(6, 13) },
    ],
    dependencies: [
      { blocked: 2, blocking: 1, actor: lisa!, at: at(3), removed: { actor: lisa!, at: at(5) } },
      { blocked: 4, blocking: 3, actor: lisa!, at: at(3, 14), removed: null },
      { blocked: 6, blocking: 5, actor: BOT, at: at(4), removed: null },
    ],
    types: [
      { issue: 2, type: "Bug", actor: raj!, at: at(2) },
      { issue: 2, type: "Task", actor: raj!, at: at(2, 15) },
      { issue: 2, type: "Feature", actor: amara!, at: at(3, 9) },
      { issue: 4, type: "Feature", actor: raj!, at: at(2, 16) },
    ],
  };
  return history;
};

const CONFIG = /^\/repos\/[^/]+\/[^/]+\/contents\/\.github%2Fgluework\.yml/;

describe.each(storeKinds())("sub-issues, dependencies and issue types from history on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  it("credits the people the month's webhooks credit, once each, never a bot", async () => {
    const history = month();
    nock(API).persist().get(CONFIG).reply(404, { message: "Not Found" });
    const { webhooks, backfill, double } = await webhooksThenBackfill(store, history, SINCE, "planning");
    expect(backfill.outcome).toMatchObject({ outcome: "finished" });

    const planning = (rows: Record<string, unknown>[]) =>
      rows
        .filter((row) => /^(planning|unblock\.dependency|triage\.type)/.test(String(row.rule)))
        .map((row) => [row.rule, row.actor_login, row.subject_key]);
    // Only hubot's close of #5 leaves someone else's issue waiting: #2's record was removed
    // before #1 was closed, and #4 was closed before #3 was.
    expect(planning(backfill.ledger)).toEqual([
      ["planning.dependency", "lisa", "acme/rockets#2"],
      ["planning.dependency", "lisa", "acme/rockets#4"],
      ["planning.sub-issue", "lisa", "acme/rockets#5"],
      ["triage.type", "amara", "acme/rockets#2"],
      ["triage.type", "raj", "acme/rockets#2"],
      ["unblock.dependency", "hubot", "acme/rockets#5"],
    ]);
    expect(backfill.ledger).toEqual(webhooks.ledger);
    // The records stay, so closing #5 after the import is credited the webhook path's way.
    expect(await dependencyRows(store.sql)).toEqual(webhooks.dependencies);
    expect(webhooks.dependencies).toMatchObject([
      { blocking_number: 3, blocked_key: "acme/rockets#4", blocked_author_login: "raj", blocked_open: false },
      {
        blocking_number: 5,
        blocked_key: "acme/rockets#6",
        blocked_author_login: "amara",
        blocked_open: true,
      },
    ]);
    expect(double.stats.log.map((entry) => entry.operation)).toContain("BackfillIssues");
  });
});
