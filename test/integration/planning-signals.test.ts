import { describe, expect, it } from "vitest";
import { fullUser } from "../helpers/examples.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { credited } from "../helpers/ledger.js";
import {
  closedPayload,
  dependencyPayload,
  issueObject,
  subIssuesPayload,
  typedPayload,
} from "../helpers/planning-payloads.js";
import { createTestProbot, mockNoConfig, receive } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";
import { webhookProblems } from "../helpers/webhook-schema.js";

const MONA = fullUser("mona", 9001);
const LISA = fullUser("lisa", 9002);
const VISITOR = fullUser("visitor", 7001);

/** Receives each delivery after checking it against GitHub's webhook schema. */
const deliver = async (
  probot: ReturnType<typeof createTestProbot>,
  deliveries: [string, Record<string, unknown>][],
) => {
  for (const [index, [name, payload]] of deliveries.entries()) {
    expect([name, webhookProblems(`${name}.${String(payload.action)}`, payload)]).toEqual([name, []]);
    await receive(probot, name, payload, `planning-${index}-${Math.random()}`);
  }
};

describe.each(storeKinds())("sub-issues, dependencies and issue types on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  it("credits adding sub-issues once per person, parent and UTC day, whichever repository hears of it", async () => {
    const probot = createTestProbot(store.sql);
    mockNoConfig("Codertocat", "Hello-World");
    const parent = (at: string) => issueObject(10, MONA, at);
    const child = (number: number, at: string) => issueObject(number, VISITOR, at);
    await deliver(probot, [
      [
        "sub_issues",
        subIssuesPayload("sub_issue_added", {
          parent: parent("2026-03-02T09:00:00Z"),
          child: child(11, "2026-03-02T09:00:00Z"),
          sender: LISA,
        }),
      ],
      [
        "sub_issues",
        subIssuesPayload("parent_issue_added", {
          parent: parent("2026-03-02T09:00:00Z"),
          child: child(11, "2026-03-02T09:00:00Z"),
          sender: LISA,
        }),
      ],
      [
        "sub_issues",
        subIssuesPayload("sub_issue_added", {
          parent: parent("2026-03-02T15:00:00Z"),
          child: child(12, "2026-03-02T15:00:00Z"),
          sender: LISA,
        }),
      ],
      [
        "sub_issues",
        subIssuesPayload("sub_issue_removed", {
          parent: parent("2026-03-03T09:00:00Z"),
          child: child(12, "2026-03-03T09:00:00Z"),
          sender: LISA,
        }),
      ],
      [
        "sub_issues",
        subIssuesPayload("sub_issue_added", {
          parent: parent("2026-03-04T09:00:00Z"),
          child: child(13, "2026-03-04T09:00:00Z"),
          sender: LISA,
        }),
      ],
    ]);
    expect(await credited(store.sql)).toEqual([
      ["lisa", "planning.sub-issue"],
      ["lisa", "planning.sub-issue"],
    ]);
  });

  it("credits recording a blocker, and closing the blocker while someone else's issue waits on it", async () => {
    const probot = createTestProbot(store.sql);
    mockNoConfig("Codertocat", "Hello-World");
    const blocker = issueObject(20, MONA, "2026-03-02T09:00:00Z", { association: "MEMBER" });
    const waiting = issueObject(21, VISITOR, "2026-03-02T09:00:00Z");
    await deliver(probot, [
      [
        "issue_dependencies",
        dependencyPayload("blocked_by_added", { blocked: waiting, blocking: blocker, sender: LISA }),
      ],
      [
        "issue_dependencies",
        dependencyPayload("blocking_added", { blocked: waiting, blocking: blocker, sender: LISA }),
      ],
      // Mona closes her own issue: no triage, but the visitor's issue is no longer blocked.
      ["issues", closedPayload({ ...blocker, updated_at: "2026-03-05T10:00:00Z" }, MONA)],
    ]);
    expect(await credited(store.sql)).toEqual([
      ["lisa", "planning.dependency"],
      ["mona", "unblock.dependency"],
    ]);
  });

  it("credits no unblocking when the blocked issue was closed first, or the record was removed", async () => {
    const probot = createTestProbot(store.sql);
    mockNoConfig("Codertocat", "Hello-World");
    const blocker = (number: number, at: string) => issueObject(number, MONA, at, { association: "MEMBER" });
    const waiting = (number: number, at: string) => issueObject(number, VISITOR, at);
    await deliver(probot, [
      [
        "issue_dependencies",
        dependencyPayload("blocked_by_added", {
          blocked: waiting(31, "2026-03-02T09:00:00Z"),
          blocking: blocker(30, "2026-03-02T09:00:00Z"),
          sender: LISA,
        }),
      ],
      ["issues", closedPayload(waiting(31, "2026-03-03T09:00:00Z"), LISA)],
      ["issues", closedPayload(blocker(30, "2026-03-04T09:00:00Z"), MONA)],
      [
        "issue_dependencies",
        dependencyPayload("blocked_by_added", {
          blocked: waiting(41, "2026-03-02T09:00:00Z"),
          blocking: blocker(40, "2026-03-02T09:00:00Z"),
          sender: LISA,
        }),
      ],
      [
        "issue_dependencies",
        dependencyPayload("blocked_by_removed", {
          blocked: waiting(41, "2026-03-03T09:00:00Z"),
          blocking: blocker(40, "2026-03-03T09:00:00Z"),
          sender: LISA,
        }),
      ],
      ["issues", closedPayload(blocker(40, "2026-03-04T09:00:00Z"), MONA)],
      // Recorded on an issue that was closed already: closing the blocker unblocks nobody.
      [
        "issue_dependencies",
        dependencyPayload("blocked_by_added", {
          blocked: issueObject(51, VISITOR, "2026-03-03T09:00:00Z", { state: "closed" }),
          blocking: blocker(50, "2026-03-03T09:00:00Z"),
          sender: LISA,
        }),
      ],
      ["issues", closedPayload(blocker(50, "2026-03-04T09:00:00Z"), MONA)],
    ]);
    expect(await credited(store.sql)).toEqual([
      ["lisa", "planning.dependency"],
      ["lisa", "planning.dependency"],
      ["lisa", "planning.dependency"],
      ["lisa", "triage.close"],
    ]);
  });

  it("credits setting the type of someone else's issue as triage, not of your own", async () => {
    const probot = createTestProbot(store.sql);
    mockNoConfig("Codertocat", "Hello-World");
    await deliver(probot, [
      ["issues", typedPayload(issueObject(50, VISITOR, "2026-03-02T09:00:00Z"), "Bug", LISA)],
      ["issues", typedPayload(issueObject(51, LISA, "2026-03-02T09:00:00Z"), "Task", LISA)],
    ]);
    expect(await credited(store.sql)).toEqual([["lisa", "triage.type"]]);
  });
});
