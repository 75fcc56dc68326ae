import { describe, expect, it } from "vitest";
import { activitiesOf, onlyActivityOf } from "../helpers/activities.js";
import { example, examplesOf } from "../helpers/examples.js";

const REPO = {
  id: 186853002,
  owner: "Codertocat",
  name: "Hello-World",
  fullName: "Codertocat/Hello-World",
  private: false,
  defaultBranch: "master",
};
const CODERTOCAT = { login: "Codertocat", id: 21031067, bot: false };

const typesOf = (event: string, payload: unknown) =>
  activitiesOf(event, payload).map((activity) => activity.type);

describe("issues and issue_comment", () => {
  it("maps opening and editing an issue to tracking_issue with its body", () => {
    expect(onlyActivityOf("issues", example("issues", "opened"))).toMatchObject({
      type: "tracking_issue",
      actor: CODERTOCAT,
      at: "2019-05-15T15:20:18.000Z",
      item: { kind: "issue", number: 1, url: "https://github.com/Codertocat/Hello-World/issues/1" },
      body: "It looks like you accidently spelled 'commit' with two 't's.",
    });
    expect(typesOf("issues", example("issues", "edited"))).toEqual(["tracking_issue"]);
  });

  it.each([
    ["labeled", "label"],
    ["assigned", "assign"],
    ["reopened", "reopen"],
    ["transferred", "transfer"],
    ["locked", "lock"],
  ])("maps %s to triage %s", (action, triage) => {
    expect(onlyActivityOf("issues", example("issues", action))).toMatchObject({
      type: "triage",
      action: triage,
    });
  });

  it("maps closing to triage close, and closing as duplicate to triage duplicate", () => {
    const closed = example("issues", "reopened");
    closed.action = "closed";
    closed.issue.state = "closed";
    closed.issue.closed_at = "2019-05-16T10:00:00Z";
    closed.issue.state_reason = "not_planned";
    expect(onlyActivityOf("issues", closed)).toMatchObject({
      type: "triage",
      action: "close",
      at: "2019-05-16T10:00:00.000Z",
    });
    closed.issue.state_reason = "duplicate";
    expect(onlyActivityOf("issues", closed)).toMatchObject({ type: "triage", action: "duplicate" });
  });

  it("maps milestoned to milestoned with the milestone", () => {
    expect(onlyActivityOf("issues", example("issues", "milestoned"))).toMatchObject({
      type: "milestoned",
      item: { kind: "pull_request", number: 2 },
      milestone: { id: 4317517, url: "https://github.com/Codertocat/Hello-World/milestone/1" },
    });
  });

  it.each(["unlabeled", "unassigned", "unlocked", "pinned", "deleted", "demilestoned"])(
    "credits nothing for %s",
    (action) => {
      expect(typesOf("issues", example("issues", action))).toEqual([]);
    },
  );

  it("maps a created comment to comment, with the commenter's association", () => {
    expect(onlyActivityOf("issue_comment", example("issue_comment", "created"))).toMatchObject({
      type: "comment",
      actor: CODERTOCAT,
      actorAssociation: "OWNER",
      at: "2019-05-15T15:20:21.000Z",
      item: { kind: "issue", number: 1, authorAssociation: "OWNER" },
      comment: {
        id: 492700400,
        url: "https://github.com/Codertocat/Hello-World/issues/1#issuecomment-492700400",
      },
    });
    expect(typesOf("issue_comment", example("issue_comment", "edited"))).toEqual([]);
  });

  it("knows a comment on a PR's conversation is on a pull request", () => {
    const payload = example("issue_comment", "created");
    payload.issue.pull_request = { url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/1" };
    expect(onlyActivityOf("issue_comment", payload)).toMatchObject({
      item: { kind: "pull_request", number: 1 },
    });
  });
});

describe("push", () => {
  const pushToDefault = () => {
    const payload = examplesOf("push").find((candidate) => candidate.ref === "refs/heads/master")!;
    return { ...payload, installation: { id: 1 } } as Record<string, any>;
  };
  const SHA = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";

  it("maps each commit on the default branch to push_commit with its changed files", () => {
    const payload = pushToDefault();
    payload.commits[0].modified = ["docs/guide.md"];
    payload.commits[0].removed = ["OLD.md"];
    expect(onlyActivityOf("push", payload)).toEqual({
      type: "push_commit",
      installationId: 1,
      repo: REPO,
      actor: CODERTOCAT,
      at: "2019-05-15T15:19:25.000Z",
      commit: {
        sha: SHA,
        message: payload.commits[0].message,
        url: `https://github.com/Codertocat/Hello-World/commit/${SHA}`,
        files: ["README.md", "docs/guide.md", "OLD.md"],
      },
    });
  });

  it("gives nothing for a push to another branch, a tag, or a deleted branch", () => {
    const other = pushToDefault();
    other.ref = "refs/heads/feature/docs";
    expect(activitiesOf("push", other)).toEqual([]);
    const tag = pushToDefault();
    tag.ref = "refs/tags/v1.0.0";
    expect(activitiesOf("push", tag)).toEqual([]);
    const deleted = pushToDefault();
    deleted.deleted = true;
    expect(activitiesOf("push", deleted)).toEqual([]);
  });

  it("skips commits already seen on another branch (distinct: false)", () => {
    const payload = pushToDefault();
    payload.commits[0].distinct = false;
    expect(activitiesOf("push", payload)).toEqual([]);
  });

  it("credits a commit to its author's login when someone else pushed it, and knows a bot author", () => {
    const payload = pushToDefault();
    payload.commits.push({ ...payload.commits[0], id: "f".repeat(40), author: { username: "writer" } });
    payload.commits.push({
      ...payload.commits[0],
      id: "e".repeat(40),
      author: { username: "docs-bot[bot]" },
    });
    expect(activitiesOf("push", payload).map((activity) => activity.actor)).toEqual([
      CODERTOCAT,
      { login: "writer", id: null, bot: false },
      { login: "docs-bot[bot]", id: null, bot: true },
    ]);
  });
});

describe("milestone, release, discussion, discussion_comment", () => {
  it("maps created and closed milestones to milestone, and ignores deleted", () => {
    expect(onlyActivityOf("milestone", example("milestone", "created"))).toMatchObject({
      type: "milestone",
      action: "created",
      actor: CODERTOCAT,
      at: "2019-05-15T15:20:17.000Z",
      milestone: { id: 4317517 },
    });
    expect(onlyActivityOf("milestone", example("milestone", "closed"))).toMatchObject({
      action: "closed",
      at: "2019-05-15T15:20:18.000Z",
    });
    expect(typesOf("milestone", example("milestone", "deleted"))).toEqual([]);
  });

  it("maps a published release to release by its author, and ignores drafts and other actions", () => {
    expect(onlyActivityOf("release", example("release", "published"))).toMatchObject({
      type: "release",
      actor: CODERTOCAT,
      at: "2019-05-15T15:20:53.000Z",
      release: { id: 17372790, tag: "0.0.1" },
    });
    const draft = example("release", "published");
    draft.release.draft = true;
    expect(typesOf("release", draft)).toEqual([]);
    for (const action of ["created", "edited", "deleted"]) {
      expect(typesOf("release", example("release", action))).toEqual([]);
    }
  });

  it("maps an answered discussion to answer_accepted by the answer's author, in UTC", () => {
    expect(onlyActivityOf("discussion", example("discussion", "answered"))).toMatchObject({
      type: "answer_accepted",
      actor: { login: "dan2wik" },
      at: "2021-03-30T23:17:18.000Z",
      item: { kind: "discussion", author: { login: "Codertocat" } },
    });
    expect(typesOf("discussion", example("discussion", "created"))).toEqual([]);
  });

  it("maps a discussion reply to comment on a discussion", () => {
    expect(onlyActivityOf("discussion_comment", example("discussion_comment", "created"))).toMatchObject({
      type: "comment",
      actorAssociation: "COLLABORATOR",
      item: { kind: "discussion", authorAssociation: "COLLABORATOR" },
      comment: { id: 544078 },
    });
  });
});
