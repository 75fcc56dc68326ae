import { describe, expect, it } from "vitest";
import { INGESTED_EVENTS, type Normalised, normalize } from "../../src/events/normalize.js";
import { activitiesOf, onlyActivityOf } from "../helpers/activities.js";
import { example, examplesOf, fullUser, user } from "../helpers/examples.js";
import { dependencyPayload, issueObject, subIssuesPayload } from "../helpers/planning-payloads.js";
import { webhookProblems } from "../helpers/webhook-schema.js";

const REPO = {
  id: 186853002,
  owner: "Codertocat",
  name: "Hello-World",
  fullName: "Codertocat/Hello-World",
  private: false,
  defaultBranch: "master",
};
const CODERTOCAT = { login: "Codertocat", id: 21031067, bot: false };

/** Payloads of events `@octokit/webhooks-examples` has no example of, built as GitHub's schema describes them. */
const builtExamples = (event: string): Record<string, any>[] => {
  const mona = fullUser("mona", 9001);
  const issues = {
    parent: issueObject(10, mona, "2026-03-02T09:00:00Z"),
    child: issueObject(11, mona, "2026-03-02T09:00:00Z"),
  };
  const pair = { blocked: issues.child, blocking: issues.parent, sender: mona };
  if (event === "sub_issues")
    return (
      ["sub_issue_added", "sub_issue_removed", "parent_issue_added", "parent_issue_removed"] as const
    ).map((action) => subIssuesPayload(action, { ...issues, sender: mona }));
  if (event === "issue_dependencies")
    return (["blocked_by_added", "blocked_by_removed", "blocking_added", "blocking_removed"] as const).map(
      (action) => dependencyPayload(action, pair),
    );
  return [];
};

/** GitHub's examples of an event, or where it has none, payloads built from its schema. */
const examplesFor = (event: string) =>
  examplesOf(event).length > 0 ? examplesOf(event) : builtExamples(event);

const typesOf = (event: string, payload: unknown) =>
  activitiesOf(event, payload).map((activity) => activity.type);

describe("normalize: the events Gluework ingests", () => {
  it("ingests the event families the rules credit", () => {
    expect([...INGESTED_EVENTS].sort()).toEqual(
      [
        "discussion",
        "discussion_comment",
        "issue_comment",
        "issues",
        "milestone",
        "pull_request",
        "pull_request_review",
        "pull_request_review_comment",
        "push",
        "release",
        "sub_issues",
        "issue_dependencies",
      ].sort(),
    );
  });

  it.each(INGESTED_EVENTS)("accepts every documented %s example without throwing", (event) => {
    const examples = examplesFor(event);
    expect(examples.length).toBeGreaterThan(0);
    for (const payload of examples) {
      const result = normalize(event, { ...payload, installation: { id: 1 } });
      expect(result).toMatchObject({ ok: true });
    }
  });

  it.each(["star", "ping", "workflow_run", "installation"])("answers unsupported-event for %s", (event) => {
    expect(normalize(event, example("star", "created"))).toEqual({
      ok: false,
      reason: "unsupported-event",
      detail: event,
    });
  });
});

describe("pull_request_review and pull_request_review_comment", () => {
  it("maps a submitted review to a review by the reviewer", () => {
    const payload = example("pull_request_review", "submitted");
    payload.review.user = user("octoreviewer", 9001);
    payload.review.state = "APPROVED";
    payload.review.body = null;
    expect(onlyActivityOf("pull_request_review", payload)).toEqual({
      type: "review",
      installationId: 1,
      repo: REPO,
      actor: { login: "octoreviewer", id: 9001, bot: false },
      at: "2019-05-15T15:20:38.000Z",
      pr: {
        kind: "pull_request",
        number: 2,
        url: "https://github.com/Codertocat/Hello-World/pull/2",
        author: CODERTOCAT,
        authorAssociation: "OWNER",
        labels: [],
        createdAt: "2019-05-15T15:20:33.000Z",
        headSha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
        readyAt: "2019-05-15T15:20:33.000Z",
      },
      review: {
        id: 237895671,
        state: "approved",
        body: "",
        url: "https://github.com/Codertocat/Hello-World/pull/2#pullrequestreview-237895671",
      },
    });
  });

  it("ignores a dismissed review", () => {
    expect(typesOf("pull_request_review", example("pull_request_review", "dismissed"))).toEqual([]);
  });

  it("maps a created inline comment to a review_comment by its author, and ignores edits", () => {
    const created = onlyActivityOf(
      "pull_request_review_comment",
      example("pull_request_review_comment", "created"),
    );
    expect(created).toMatchObject({
      type: "review_comment",
      actor: CODERTOCAT,
      at: "2019-05-15T15:20:37.000Z",
      pr: { number: 2 },
      comment: { id: 284312630 },
    });
    expect(typesOf("pull_request_review_comment", example("pull_request_review_comment", "edited"))).toEqual(
      [],
    );
  });
});

describe("pull_request", () => {
  it("maps a merge to pr_merged, credited to the PR's author rather than whoever merged", () => {
    const payload = example("pull_request", "closed");
    payload.pull_request.merged_at = "2019-05-15T15:21:18Z";
    payload.pull_request.merged = true;
    payload.sender = user("maintainer", 77);
    expect(onlyActivityOf("pull_request", payload)).toMatchObject({
      type: "pr_merged",
      actor: CODERTOCAT,
      at: "2019-05-15T15:21:18.000Z",
      pr: { number: 2 },
    });
  });

  it("maps closing without merging to triage close by the sender", () => {
    const payload = example("pull_request", "closed");
    payload.sender = user("maintainer", 77);
    expect(onlyActivityOf("pull_request", payload)).toMatchObject({
      type: "triage",
      action: "close",
      actor: { login: "maintainer", id: 77 },
      item: { kind: "pull_request", number: 2 },
    });
  });

  it("maps a synchronize to pr_pushed with the pushed sha", () => {
    expect(onlyActivityOf("pull_request", example("pull_request", "synchronize"))).toMatchObject({
      type: "pr_pushed",
      actor: CODERTOCAT,
      sha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
    });
  });

  it.each([
    ["labeled", "label"],
    ["assigned", "assign"],
    ["reopened", "reopen"],
    ["locked", "lock"],
  ])("maps %s to triage %s", (action, triage) => {
    const activity = onlyActivityOf("pull_request", example("pull_request", action));
    expect(activity).toMatchObject({ type: "triage", action: triage, item: { kind: "pull_request" } });
  });

  it("carries the label that was added", () => {
    expect(onlyActivityOf("pull_request", example("pull_request", "labeled"))).toMatchObject({
      label: "bug",
    });
  });

  it.each(["opened", "unlabeled", "unassigned", "unlocked", "review_requested"])(
    "credits nothing for %s",
    (action) => {
      expect(typesOf("pull_request", example("pull_request", action))).toEqual([]);
    },
  );

  it("makes ready_for_review an activity that earns nothing but restarts a review's wait", () => {
    const payload = example("pull_request", "ready_for_review");
    expect(onlyActivityOf("pull_request", payload)).toMatchObject({
      type: "pr_ready",
      at: payload.pull_request.updated_at.replace("Z", ".000Z"),
      pr: { number: payload.pull_request.number },
    });
  });

  it("marks a sender of type Bot, or with a [bot] login, as a bot", () => {
    const byType = example("pull_request", "labeled");
    byType.sender = user("ci-helper", 5, "Bot");
    expect(onlyActivityOf("pull_request", byType).actor).toEqual({ login: "ci-helper", id: 5, bot: true });
    const byLogin = example("pull_request", "labeled");
    byLogin.sender = user("renovate[bot]", 6);
    expect(onlyActivityOf("pull_request", byLogin).actor).toEqual({
      login: "renovate[bot]",
      id: 6,
      bot: true,
    });
  });
});

describe("malformed payloads: a reason to skip, never a throw", () => {
  const malformed = (event: string, payload: unknown) => {
    let result: Normalised | undefined;
    expect(() => {
      result = normalize(event, payload);
    }).not.toThrow();
    expect(result).toEqual({ ok: false, reason: "malformed-payload", detail: expect.any(String) });
  };

  it.each(INGESTED_EVENTS)("%s without an installation", (event) => {
    const [payload] = examplesFor(event);
    malformed(event, { ...payload, installation: undefined });
  });

  it.each(INGESTED_EVENTS)("%s that is null, a string, or empty", (event) => {
    malformed(event, null);
    malformed(event, undefined);
    malformed(event, "not a payload");
    malformed(event, {});
  });

  it("fields of the wrong type", () => {
    const review = example("pull_request_review", "submitted");
    review.review.id = "237895671";
    malformed("pull_request_review", review);
    const pushed = example("push");
    pushed.commits = "none";
    malformed("push", pushed);
    const labelled = example("issues", "labeled");
    labelled.repository.private = "no";
    malformed("issues", labelled);
    const installation = example("issue_comment", "created");
    installation.installation = { id: "1" };
    malformed("issue_comment", installation);
  });

  it("dates that are not dates", () => {
    const review = example("pull_request_review", "submitted");
    review.review.submitted_at = "yesterday";
    malformed("pull_request_review", review);
    const merged = example("pull_request", "closed");
    merged.pull_request.merged_at = "soon";
    malformed("pull_request", merged);
    const opened = example("issues", "opened");
    opened.issue.created_at = "2019-13-45T99:00:00Z";
    malformed("issues", opened);
    const answered = example("discussion", "answered");
    answered.discussion.answer_chosen_at = "not a date";
    malformed("discussion", answered);
  });
});

describe("sub_issues and issue_dependencies (payloads checked against GitHub's webhook schema)", () => {
  it.each(["sub_issues", "issue_dependencies"])("builds %s payloads GitHub could send", (event) => {
    for (const payload of builtExamples(event))
      expect(webhookProblems(`${event}.${payload.action}`, payload)).toEqual([]);
  });

  it("credits a sub-issue on its parent, the same from the parent's and the sub-issue's repository", () => {
    const [added, , fromChild] = builtExamples("sub_issues");
    const [one] = activitiesOf("sub_issues", added);
    const [two] = activitiesOf("sub_issues", fromChild);
    expect(one).toMatchObject({ type: "sub_issue", parent: { number: 10 }, child: { number: 11 } });
    expect(two).toEqual(one);
  });

  it("ignores a sub-issue removed", () => {
    const [, removed] = builtExamples("sub_issues");
    expect(activitiesOf("sub_issues", removed)).toEqual([]);
  });

  it("reads a dependency the same from the blocked and the blocking issue's repository", () => {
    const [blockedBy, removed, blocking] = builtExamples("issue_dependencies");
    const [one] = activitiesOf("issue_dependencies", blockedBy);
    expect(one).toMatchObject({
      type: "dependency",
      action: "added",
      blocked: { number: 11 },
      blocking: { number: 10 },
    });
    expect(activitiesOf("issue_dependencies", blocking)).toEqual([one]);
    expect(activitiesOf("issue_dependencies", removed)).toMatchObject([{ action: "removed" }]);
  });
});
