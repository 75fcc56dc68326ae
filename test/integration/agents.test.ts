import { describe, expect, it } from "vitest";
import { example, fullUser as user } from "../helpers/examples.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { credited } from "../helpers/ledger.js";
import { createTestProbot, mockNoConfig, mockPullRequestFiles, receive } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";
import { webhookProblems } from "../helpers/webhook-schema.js";

/** Copilot's coding agent as REST and webhooks show it: login `Copilot`, `type: Bot`. */
const AGENT = user("Copilot", 198982749, "Bot");
/** Copilot's pull request reviewer as REST and webhooks show it. */
const REVIEWER_BOT = user("copilot-pull-request-reviewer[bot]", 175728472, "Bot");
const MONA = user("mona", 9001);
const LISA = user("lisa", 9002);
const RAJ = user("raj", 9003);

const OPENED = "2026-03-02T09:00:00Z";
const FIRST_HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const PUSHED_HEAD = "b".repeat(40);

/** The app a comment was written through, as `performed_via_github_app` carries it. */
const SOME_APP = {
  id: 1296269,
  slug: "octoapp",
  node_id: "MDExOkludGVncmF0aW9uMQ==",
  owner: user("octocat", 1),
  name: "Octocat App",
  description: "",
  external_url: "https://example.com",
  html_url: "https://github.com/apps/octoapp",
  created_at: "2017-07-08T16:18:44-04:00",
  updated_at: "2017-07-08T16:18:44-04:00",
  permissions: { issues: "write" },
  events: ["issues"],
};

/** The `reactions` summary of an item nobody reacted to. */
const NO_REACTIONS = (url: string) => ({
  url: `${url}/reactions`,
  total_count: 0,
  "+1": 0,
  "-1": 0,
  laugh: 0,
  hooray: 0,
  confused: 0,
  heart: 0,
  rocket: 0,
  eyes: 0,
});

/** Fields GitHub added to payloads after `@octokit/webhooks-examples` was recorded. */
const withCurrentFields = (payload: Record<string, any>): Record<string, any> => {
  const pr = payload.pull_request;
  if (pr) {
    pr.draft ??= false;
    pr.auto_merge ??= null;
    pr.active_lock_reason ??= null;
    for (const side of [pr.base, pr.head]) {
      side.repo.has_discussions ??= false;
      side.repo.topics ??= [];
      side.repo.visibility ??= "public";
    }
  }
  return payload;
};

/** The agent's PR #2 of the real examples: opened by Copilot, at `head`, as of `at`. */
const agentPullRequest = (payload: Record<string, any>, head: string, at: string) => {
  Object.assign(payload.pull_request, {
    user: AGENT,
    author_association: "NONE",
    created_at: OPENED,
    updated_at: at,
  });
  payload.pull_request.head.sha = head;
  return withCurrentFields(payload);
};

const reviewBy = (reviewer: ReturnType<typeof user>, id: number, at: string, body: string) => {
  const payload = agentPullRequest(example("pull_request_review", "submitted"), FIRST_HEAD, at);
  Object.assign(payload.review, { id, user: reviewer, state: "commented", body, submitted_at: at });
  payload.sender = reviewer;
  return payload;
};

/** The real `issue_comment.created` example as a comment by `by`, on an outsider's issue. */
const commentBy = (by: ReturnType<typeof user>, id: number, at: string, viaApp: object | null) => {
  const payload = example("issue_comment", "created");
  Object.assign(payload.issue, {
    user: user("visitor", 7001),
    author_association: "NONE",
    active_lock_reason: null,
    reactions: NO_REACTIONS(payload.issue.url),
  });
  for (const label of payload.issue.labels) label.description ??= null;
  Object.assign(payload.comment, {
    id,
    user: by,
    author_association: "MEMBER",
    created_at: at,
    performed_via_github_app: viaApp,
    reactions: NO_REACTIONS(payload.comment.url),
  });
  payload.sender = by;
  return payload;
};

/** Every payload of the agent's PR, in the order GitHub sends them, checked against GitHub's schema. */
const agentStory = () => {
  const opened = agentPullRequest(example("pull_request", "opened"), FIRST_HEAD, OPENED);
  opened.sender = AGENT;
  const botReview = reviewBy(REVIEWER_BOT, 4001, "2026-03-02T09:05:00Z", "Copilot reviewed 3 files.");
  const humanReview = reviewBy(MONA, 4002, "2026-03-05T10:00:00Z", "Please keep the old flag working.");
  humanReview.review.state = "approved";
  const pushed = agentPullRequest(
    example("pull_request", "synchronize"),
    PUSHED_HEAD,
    "2026-03-05T11:00:00Z",
  );
  Object.assign(pushed, { before: FIRST_HEAD, after: PUSHED_HEAD, sender: LISA });
  const viaApp = commentBy(RAJ, 5001, "2026-03-05T11:30:00Z", SOME_APP);
  Object.assign(viaApp.issue, {
    number: 2,
    user: AGENT,
    pull_request: { url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/2" },
  });
  const merged = agentPullRequest(example("pull_request", "closed"), PUSHED_HEAD, "2026-03-05T12:00:00Z");
  Object.assign(merged.pull_request, {
    merged: true,
    merged_at: "2026-03-05T12:00:00Z",
    closed_at: "2026-03-05T12:00:00Z",
    state: "closed",
  });
  merged.sender = MONA;
  return [
    ["pull_request.opened", opened],
    ["pull_request_review.submitted", botReview],
    ["pull_request_review.submitted", humanReview],
    ["pull_request.synchronize", pushed],
    ["issue_comment.created", viaApp],
    ["pull_request.closed", merged],
  ] as const;
};

describe.each(storeKinds())("AI agents and bots on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  it("sends payloads GitHub's webhook schema accepts", () => {
    for (const [name, payload] of agentStory())
      expect([name, webhookProblems(name, payload)]).toEqual([name, []]);
  });

  it("credits the people on an agent's PR, never the agent, its reviewer bot or an app's comment", async () => {
    const probot = createTestProbot(store.sql);
    mockNoConfig("Codertocat", "Hello-World");
    // Docs only: were the agent an author, its merge would earn docs.pr.
    mockPullRequestFiles("Codertocat", "Hello-World", 2, [
      { filename: "docs/guide.md", additions: 40, deletions: 3 },
    ]);
    for (const [index, [name, payload]] of agentStory().entries()) {
      await receive(probot, name.split(".")[0] as string, payload, `agent-${index}`);
    }
    // The reviewer bot came first, yet the first review is mona's, after some 73 hours' wait.
    expect(await credited(store.sql)).toEqual([
      ["mona", "review.submitted"],
      ["mona", "unblock.stale-review"],
      ["lisa", "unblock.push"],
    ]);
  });

  it("counts an app's comment on an outsider's issue as no one's first response", async () => {
    const probot = createTestProbot(store.sql);
    mockNoConfig("Codertocat", "Hello-World");
    const viaApp = commentBy(RAJ, 6001, "2026-03-03T08:00:00Z", SOME_APP);
    const answer = commentBy(MONA, 6002, "2026-03-03T09:00:00Z", null);
    for (const payload of [viaApp, answer])
      expect(webhookProblems("issue_comment.created", payload)).toEqual([]);
    await receive(probot, "issue_comment", viaApp, "a-1");
    await receive(probot, "issue_comment", answer, "a-2");
    expect(await credited(store.sql)).toEqual([["mona", "support.first-response"]]);
  });
});
