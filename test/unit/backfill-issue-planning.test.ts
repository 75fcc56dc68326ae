import { describe, expect, it } from "vitest";
import { issueNodeSchema } from "../../src/backfill/history-schemas.js";
import { issueEntries } from "../../src/backfill/map-issue.js";
import type { HistoryScope } from "../../src/backfill/map-refs.js";
import { creditsFor, INSTALLATION, REPO } from "../helpers/activities.js";

const scope: HistoryScope = { installationId: INSTALLATION, repo: REPO, since: "2024-01-01T00:00:00.000Z" };
const URL = `https://github.com/${REPO.fullName}`;
const user = (login: string, databaseId: number) => ({ __typename: "User", login, databaseId });
const list = <T>(nodes: T[]) => ({ pageInfo: { hasNextPage: false, endCursor: null }, nodes });
const REPORTER = user("reporter", 300);
const LISA = user("lisa", 400);

/** Another issue as the importer's timeline query names it (queries.ts: LINKED_ISSUE). */
const linked = (
  number: number,
  { repo = "octo-org/widgets", id = REPO.id, state = "OPEN", closedAt = null as string | null } = {},
) => ({
  number,
  url: `https://github.com/${repo}/issues/${number}`,
  createdAt: "2024-03-01T08:00:00Z",
  state,
  closedAt,
  authorAssociation: "MEMBER",
  author: user(`author-of-${number}`, 1000 + number),
  repository: {
    databaseId: id,
    name: repo.split("/")[1],
    isPrivate: false,
    owner: { login: repo.split("/")[0] },
    defaultBranchRef: { name: "main" },
  },
});

const issue = (timeline: Record<string, unknown>[]) =>
  issueNodeSchema.parse({
    number: 12,
    url: `${URL}/issues/12`,
    createdAt: "2024-03-01T09:00:00Z",
    updatedAt: "2024-03-20T09:00:00Z",
    body: "It breaks.",
    authorAssociation: "NONE",
    author: REPORTER,
    labels: list([]),
    comments: list([]),
    timelineItems: list(timeline),
  });

const rules = (node: ReturnType<typeof issue>) =>
  issueEntries(scope, node, new Map()).flatMap((entry) =>
    creditsFor(entry.activity, { blocked: entry.blocked }).map(
      (credit) => `${credit.rule} ${credit.actorLogin} ${credit.subjectKey}`,
    ),
  );

describe("an issue's planning history → activities", () => {
  it("credits recording a blocker in another repository on the blocked issue, keyed by that repository", () => {
    const node = issue([
      {
        __typename: "BlockedByAddedEvent",
        createdAt: "2024-03-02T10:00:00Z",
        actor: LISA,
        blockingIssue: linked(3, { repo: "octo-org/engine", id: 2002 }),
      },
    ]);
    const [entry] = issueEntries(scope, node, new Map()).filter((e) => e.activity.type === "dependency");
    expect(entry?.activity).toMatchObject({
      type: "dependency",
      action: "added",
      repo: { fullName: "octo-org/widgets" },
      blocked: { number: 12 },
      blocking: { number: 3, repo: { id: 2002, fullName: "octo-org/engine" } },
    });
    expect(rules(node)).toEqual(["planning.dependency lisa octo-org/widgets#12"]);
  });

  it("never credits a bot that sets a type or adds a sub-issue", () => {
    const bot = { __typename: "Bot", login: "triage-helper", databaseId: 77 };
    const node = issue([
      { __typename: "IssueTypeAddedEvent", createdAt: "2024-03-02T10:00:00Z", actor: bot },
      {
        __typename: "SubIssueAddedEvent",
        createdAt: "2024-03-02T11:00:00Z",
        actor: bot,
        subIssue: linked(13),
      },
      { __typename: "IssueTypeChangedEvent", createdAt: "2024-03-03T10:00:00Z", actor: LISA },
    ]);
    expect(rules(node)).toEqual(["triage.type lisa octo-org/widgets#12"]);
  });

  it("unblocks on a close only those still recorded as waiting and still open then", () => {
    const waiting = linked(20);
    const removedThenAdded = linked(21);
    const closedBefore = linked(22, { state: "CLOSED", closedAt: "2024-03-04T00:00:00Z" });
    const closedAfter = linked(23, { state: "CLOSED", closedAt: "2024-03-09T00:00:00Z" });
    const removed = linked(24);
    const event = (type: string, at: string, blocked: unknown) => ({
      __typename: type,
      createdAt: at,
      actor: LISA,
      blockedIssue: blocked,
    });
    const node = issue([
      event("BlockingAddedEvent", "2024-03-02T10:00:00Z", waiting),
      event("BlockingAddedEvent", "2024-03-02T10:00:00Z", removedThenAdded),
      event("BlockingRemovedEvent", "2024-03-03T10:00:00Z", removedThenAdded),
      event("BlockingAddedEvent", "2024-03-04T10:00:00Z", removedThenAdded),
      event("BlockingAddedEvent", "2024-03-02T10:00:00Z", closedBefore),
      event("BlockingAddedEvent", "2024-03-02T10:00:00Z", closedAfter),
      event("BlockingAddedEvent", "2024-03-02T10:00:00Z", removed),
      event("BlockingRemovedEvent", "2024-03-04T10:00:00Z", removed),
      { __typename: "ClosedEvent", createdAt: "2024-03-05T10:00:00Z", actor: LISA, stateReason: "COMPLETED" },
      // Recorded after the close: it was not waiting when the issue was closed.
      event("BlockingAddedEvent", "2024-03-06T10:00:00Z", linked(25)),
    ]);
    const close = issueEntries(scope, node, new Map()).find((e) => e.activity.type === "triage");
    expect(close?.blocked?.map((blocked) => blocked.url.split("/").at(-1))).toEqual(["20", "21", "23"]);
    expect(rules(node)).toEqual([
      "triage.close lisa octo-org/widgets#12",
      "unblock.dependency lisa octo-org/widgets#12",
    ]);
  });
});
