import nock from "nock";
import { describe, expect, it } from "vitest";
import { example, user } from "../helpers/examples.js";
import { botUserJson, issueCommentJson, mockApp, userJson } from "../helpers/github-items.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { openApiAnswerProblems, openApiProblems } from "../helpers/openapi.js";
import { reviewOn } from "../helpers/payloads.js";
import {
  API,
  createTestProbot,
  mockConfig,
  mockNoConfig,
  mockPullRequestFiles,
  receive,
} from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";
import { testWorker } from "../helpers/worker.js";

const OWNER = "Codertocat";
const REPO = "Hello-World";

/** Accepts every check-run request: this file is about the comment. */
const allowCheckRuns = () =>
  nock(API)
    .persist()
    .get(/\/check-runs/)
    .query(true)
    .reply(200, { total_count: 0, check_runs: [] })
    .post(`/repos/${OWNER}/${REPO}/check-runs`)
    .reply(201, { id: 1 })
    .patch(/\/check-runs\/1$/)
    .reply(200, { id: 1 });

describe.each(storeKinds())("credit comment on %s store", (kind) => {
  // The check-run mocks are persisted and optional: what is left of them is not a failure.
  const store = useIntegrationStore(kind, { allowPendingMocks: true });

  const merged = () => {
    const payload = example("pull_request", "closed");
    payload.pull_request.merged = true;
    payload.pull_request.merged_at = "2026-10-20T12:00:00Z";
    return payload;
  };
  /** GitHub's list of the PR's comments, checked against GitHub's description of that answer. */
  const commentsAnswer = (
    number: number,
    comments: { id: number; body: string; user: ReturnType<typeof userJson> }[],
  ) => {
    const answer = comments.map((comment) => issueCommentJson(`${OWNER}/${REPO}`, number, comment));
    expect(
      openApiAnswerProblems("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", 200, answer),
    ).toEqual([]);
    return answer;
  };
  const review = (pr: Record<string, any>, login: string, id: number, reviewId: number) =>
    reviewOn(pr, { login, id, reviewId, state: "commented", body: "Two thoughts" });

  /**
   * A PR reviewed by mona and then merged (seen opened first when `opened`), with the check runs
   * allowed: the credit comment is the worker's only job left to watch.
   */
  const reviewedAndMerged = async ({ opened = false } = {}) => {
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    const pr = merged();
    const { number } = pr.pull_request;
    mockNoConfig(OWNER, REPO);
    mockPullRequestFiles(OWNER, REPO, number, [{ filename: "src/app.ts", additions: 30, deletions: 2 }]);
    if (opened) {
      const payload = example("pull_request", "opened");
      payload.pull_request.number = number;
      await receive(probot, "pull_request", payload);
    }
    await receive(probot, "pull_request_review", review(pr.pull_request, "mona", 11, 1));
    await receive(probot, "pull_request", pr, "merge-delivery");
    allowCheckRuns();
    return { probot, worker, pr, number };
  };

  it("posts one comment on merge, edits it when a later review changes it, and never posts a second", async () => {
    const { probot, worker, pr, number } = await reviewedAndMerged();

    let first: any;
    const create = nock(API)
      .get(`/repos/${OWNER}/${REPO}/issues/${number}/comments`)
      .query(true)
      .reply(200, [{ id: 1, body: "unrelated", user: user("someone", 5) }])
      .post(`/repos/${OWNER}/${REPO}/issues/${number}/comments`, (body) => {
        first = body;
        return true;
      })
      .reply(201, { id: 4242 });
    await worker.drain();
    expect(create.isDone()).toBe(true);
    expect(openApiProblems("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", first)).toEqual([]);
    expect(first.body).toMatchInlineSnapshot(`
      "<!-- gluework:credit -->
      ### Thank you, @mona 🙌

      This PR was merged with glue work from:

      - @mona: code-review

      <sub>Posted by Gluework, which makes reviews, docs, mentoring and triage visible. This comment is edited as credits change; \`/gluework portfolio\` shows your own.</sub>"
    `);

    // The merge is delivered again: nothing new to say, so no request at all.
    await receive(probot, "pull_request", pr, "merge-delivery");
    await worker.drain();

    // A review after the merge: the same comment is edited.
    await receive(probot, "pull_request_review", review(pr.pull_request, "hubot-fan", 12, 2));
    let edited: any;
    const edit = nock(API)
      .patch(`/repos/${OWNER}/${REPO}/issues/comments/4242`, (body) => {
        edited = body;
        return true;
      })
      .reply(200, { id: 4242 });
    await worker.drain();
    expect(edit.isDone()).toBe(true);
    expect(openApiProblems("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", edited)).toEqual([]);
    expect(edited.body).toContain("### Thank you, @mona and @hubot-fan 🙌");
  });

  it("posts without searching on a PR it saw opened, and searches once a post was not confirmed", async () => {
    const { worker, number } = await reviewedAndMerged({ opened: true });
    mockApp();
    // The first post gets no answer GitHub stands by; the retry finds the comment that was made.
    const scope = nock(API)
      .post(`/repos/${OWNER}/${REPO}/issues/${number}/comments`)
      .reply(502, { message: "Server Error" })
      .get(`/repos/${OWNER}/${REPO}/issues/${number}/comments`)
      .query(true)
      .reply(
        200,
        commentsAnswer(number, [
          { id: 66, body: "<!-- gluework:credit -->\nan older text", user: botUserJson() },
        ]),
      )
      .patch(`/repos/${OWNER}/${REPO}/issues/comments/66`)
      .reply(200, { id: 66 });
    await worker.drain();
    expect(scope.isDone()).toBe(true);
  });

  it("finds its own comment by the hidden marker when the store does not know it", async () => {
    const { worker, number } = await reviewedAndMerged();
    mockApp();
    let edited: any;
    const scope = nock(API)
      .get(`/repos/${OWNER}/${REPO}/issues/${number}/comments`)
      .query(true)
      .reply(
        200,
        commentsAnswer(number, [{ id: 77, body: "<!-- gluework:credit -->\nold text", user: botUserJson() }]),
      )
      .patch(`/repos/${OWNER}/${REPO}/issues/comments/77`, (body) => {
        edited = body;
        return true;
      })
      .reply(200, { id: 77 });
    await worker.drain();
    expect(scope.isDone()).toBe(true);
    expect(edited.body).toContain("@mona: code-review");
  });

  it("never takes over a commenter's comment that carries the marker", async () => {
    const { worker, number } = await reviewedAndMerged();
    mockApp();
    let posted: any;
    const scope = nock(API)
      .get(`/repos/${OWNER}/${REPO}/issues/${number}/comments`)
      .query(true)
      .reply(
        200,
        commentsAnswer(number, [
          // Someone typed the marker into their own comment, hoping to have it rewritten (and later edit it).
          { id: 78, body: "<!-- gluework:credit -->\nplease overwrite me", user: userJson("mallory", 666) },
        ]),
      )
      .post(`/repos/${OWNER}/${REPO}/issues/${number}/comments`, (body) => {
        posted = body;
        return true;
      })
      .reply(201, { id: 79 });
    await worker.drain();
    expect(scope.isDone()).toBe(true);
    expect(openApiProblems("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", posted)).toEqual([]);
    expect(posted.body).toContain("@mona: code-review");
  });

  it("posts the comment again, once, when someone deleted the one it remembered", async () => {
    const { probot, worker, pr, number } = await reviewedAndMerged();
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/issues/${number}/comments`)
      .query(true)
      .reply(200, [])
      .post(`/repos/${OWNER}/${REPO}/issues/${number}/comments`)
      .reply(201, { id: 50 });
    await worker.drain();

    await receive(probot, "pull_request_review", review(pr.pull_request, "hubot-fan", 12, 2));
    const recreate = nock(API)
      .patch(`/repos/${OWNER}/${REPO}/issues/comments/50`)
      .reply(404, { message: "Not Found" })
      .post(`/repos/${OWNER}/${REPO}/issues/${number}/comments`)
      .reply(201, { id: 51 });
    await worker.drain();
    expect(recreate.isDone()).toBe(true);
  });

  it("posts nothing when the repository turned the credit comment off", async () => {
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    const pr = merged();
    mockConfig(OWNER, REPO, "credit_comment:\n  enabled: false\n");
    mockPullRequestFiles(OWNER, REPO, pr.pull_request.number, [
      { filename: "src/app.ts", additions: 30, deletions: 2 },
    ]);
    await receive(probot, "pull_request_review", review(pr.pull_request, "mona", 11, 1));
    await receive(probot, "pull_request", pr);
    allowCheckRuns();
    await worker.drain();
    // No comment read or write happened: the unmatched-request check would have listed it.
  });
});
