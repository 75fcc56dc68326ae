import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import type { Credit } from "../../src/classify/credit.js";
import { REPLIES_PER_PERSON } from "../../src/handlers/commands.js";
import { queryCredits } from "../../src/store/query-credits.js";
import { recordCredits } from "../../src/store/record-credits.js";
import { example, user } from "../helpers/examples.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { openApiProblems } from "../helpers/openapi.js";
import { API, createTestProbot, mockNoConfig, receive } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";
import { testWorker } from "../helpers/worker.js";

const OWNER = "Codertocat";
const REPO = "Hello-World";
const window = { installationId: 1, since: new Date("2000-01-01"), until: new Date("2100-01-01") };

const credit = (login: string, key: string, repo: string, repoPrivate: boolean): Credit => ({
  installationId: 1,
  repoId: repoPrivate ? 2 : 1,
  repo,
  repoPrivate,
  actorLogin: login,
  actorId: null,
  category: "code-review",
  rule: "review.submitted",
  weight: 1,
  subjectType: "pull_request",
  subjectKey: `${repo}#1`,
  url: `https://github.com/${repo}/pull/1#pullrequestreview-${key}`,
  occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
  sourceKey: `review:${key}`,
});

describe.each(storeKinds())("/gluework commands on %s store", (kind) => {
  const store = useIntegrationStore(kind);
  beforeEach(async () => {
    await recordCredits(
      store.sql,
      { installationId: 1, deliveryId: "seed", event: "seed" },
      [
        credit("mona", "1", "Codertocat/Hello-World", false),
        credit("mona", "2", "Codertocat/secret-plans", true),
        credit("hubot", "3", "Codertocat/Hello-World", false),
      ],
      { answer: 0.5, firstResponse: 1 },
    );
  });

  const command = (body: string, login: string, commentId: number) => {
    const payload = example("issue_comment", "created");
    payload.comment = { ...payload.comment, id: commentId, body, user: user(login, 1000 + commentId) };
    payload.issue.user = user("someone-else", 5);
    return payload;
  };

  it("opt-out deletes only the commenter's credits, once, and replies", async () => {
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    const payload = command("/gluework opt-out @hubot", "mona", 901);
    await receive(probot, "issue_comment", payload, "cmd-1");
    await receive(probot, "issue_comment", payload, "cmd-1");
    expect((await queryCredits(store.sql, window)).map((row) => row.actorLogin)).toEqual(["hubot"]);
    // The PRs that named mona get their check run and credit comment redone (tested end to end
    // in test/e2e/isolation.test.ts); here only the reply runs.
    const queued = await store.sql<{ job_key: string }[]>`select job_key from outbox order by job_key`;
    expect(queued.map((job) => job.job_key)).toEqual([
      "check-run:Codertocat/Hello-World#1",
      "check-run:Codertocat/secret-plans#1",
      "credit-comment:Codertocat/Hello-World#1",
      "credit-comment:Codertocat/secret-plans#1",
      `reply:${payload.repository.id}#${payload.issue.number}:mona`,
    ]);
    await store.sql`delete from outbox where kind <> 'reply'`;
    let reply: any;
    // A first attempt posts at once: it reads none of the thread.
    nock(API)
      .post(`/repos/${OWNER}/${REPO}/issues/${payload.issue.number}/comments`, (body) => {
        reply = body;
        return true;
      })
      .reply(201, { id: 1 });
    mockNoConfig(OWNER, REPO);
    expect(await worker.drain()).toBe(1);
    expect(openApiProblems("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", reply)).toEqual([]);
    expect(reply.body).toContain("@mona, you are opted out");
  });

  it("an opted-out person is not recorded again until they opt in", async () => {
    const probot = createTestProbot(store.sql);
    await receive(probot, "issue_comment", command("/gluework opt-out", "mona", 902));
    await recordCredits(
      store.sql,
      { installationId: 1, deliveryId: "later", event: "x" },
      [credit("mona", "9", "Codertocat/Hello-World", false)],
      {
        answer: 0.5,
        firstResponse: 1,
      },
    );
    expect((await queryCredits(store.sql, window)).map((row) => row.actorLogin)).toEqual(["hubot"]);
    await receive(probot, "issue_comment", command("/gluework opt-in", "mona", 903));
    await recordCredits(
      store.sql,
      { installationId: 1, deliveryId: "later-2", event: "x" },
      [credit("mona", "10", "Codertocat/Hello-World", false)],
      {
        answer: 0.5,
        firstResponse: 1,
      },
    );
    expect((await queryCredits(store.sql, window)).map((row) => row.actorLogin).sort()).toEqual([
      "hubot",
      "mona",
    ]);
    nock.cleanAll();
  });

  it("portfolio in a public repository shows the commenter's own public credits only", async () => {
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    const payload = command("Thanks!\n/gluework portfolio", "mona", 904);
    await receive(probot, "issue_comment", payload);
    let reply: any;
    // A first attempt posts at once: it reads none of the thread.
    nock(API)
      .post(`/repos/${OWNER}/${REPO}/issues/${payload.issue.number}/comments`, (body) => {
        reply = body;
        return true;
      })
      .reply(201, { id: 2 });
    mockNoConfig(OWNER, REPO);
    await worker.drain();
    expect(reply.body).toContain("@mona's glue work");
    expect(reply.body).toContain("Codertocat/Hello-World");
    expect(reply.body).not.toContain("secret-plans");
    expect(reply.body).not.toContain("hubot");
    expect(reply.body).toContain("credits from private repositories are not shown");
  });

  it("a reply whose answer was lost looks only at the comments since its attempt, finds itself, and does not post twice", async () => {
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    const payload = command("/gluework portfolio", "mona", 905);
    await receive(probot, "issue_comment", payload);
    let since = "";
    nock(API)
      .post(`/repos/${OWNER}/${REPO}/issues/${payload.issue.number}/comments`)
      .reply(502, { message: "Server Error" })
      .get(`/repos/${OWNER}/${REPO}/issues/${payload.issue.number}/comments`)
      .query((query) => {
        since = String(query.since ?? "");
        return true;
      })
      .reply(200, [{ id: 3, body: "<!-- gluework:reply:905 -->\nalready answered" }]);
    mockNoConfig(OWNER, REPO);
    expect(await worker.drain()).toBe(2);
    const [attempt] = await store.sql<{ at: Date }[]>`
      select reply_attempted_at as at from commands where comment_id = 905
    `;
    expect(Date.parse(since)).toBeGreaterThan(Date.now() - 3_600_000);
    expect(Date.parse(since)).toBeLessThanOrEqual(attempt?.at.getTime() ?? 0);
  });

  it("bounds replies: repeats on one issue make one pending reply to the latest, and a person's replies stop at the rate", async () => {
    const probot = createTestProbot(store.sql);
    for (let id = 910; id < 914; id += 1) {
      await receive(probot, "issue_comment", command("/gluework portfolio", "mona", id));
    }
    const replies = () =>
      store.sql<{ job_key: string; payload: { commentId: number } }[]>`
        select job_key, payload from outbox where kind = 'reply' order by job_key
      `;
    const pending = await replies();
    expect(pending).toHaveLength(1);
    expect(pending[0]?.payload.commentId).toBe(913);
    await store.sql`delete from outbox`;
    // Four commands so far; the fifth is still answered, and past the rate no command is.
    for (let id = 920; id < 925; id += 1) {
      const other = command("/gluework portfolio", "mona", id);
      other.issue.number = id;
      await receive(probot, "issue_comment", other);
    }
    expect((await replies()).map((job) => job.payload.commentId)).toEqual([920]);
    await store.sql`delete from outbox`;
    // Someone else is not affected.
    await receive(probot, "issue_comment", command("/gluework portfolio", "hubot", 930));
    expect((await replies()).map((job) => job.payload.commentId)).toEqual([930]);
    expect(REPLIES_PER_PERSON).toBe(5);
  });
});
