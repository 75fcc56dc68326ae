import nock from "nock";
import { pino } from "pino";
import type { Probot } from "probot";
import { describe, expect, it } from "vitest";
import { createClassifyWorker } from "../../src/handlers/classify-worker.js";
import type { Sql } from "../../src/store/db.js";
import { enqueueJobs } from "../../src/store/outbox.js";
import { example, user } from "../helpers/examples.js";
import { mockFilesQuery } from "../helpers/github-reads.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { credited } from "../helpers/ledger.js";
import { API, createTestProbot, mockNoConfig, receive } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";

const OWNER = "Codertocat";
const REPO = "Hello-World";
const reviewer = user("octoreviewer", 9001);
const another = user("octosecond", 9002);

const reviewBy = (person: ReturnType<typeof user>, id: number) => {
  const payload = example("pull_request_review", "submitted");
  payload.review = { ...payload.review, id, user: person, state: "approved", body: "Looks good." };
  payload.sender = person;
  return payload;
};

const inlineCommentBy = (person: ReturnType<typeof user>, id: number) => {
  const payload = example("pull_request_review_comment", "created");
  payload.comment = { ...payload.comment, id, user: person, author_association: "MEMBER" };
  payload.pull_request.user = user("Codertocat", 21031067);
  payload.sender = person;
  return payload;
};

/** GitHub's batched answer with `files` for PR `number` of the example repository. */
const mockFilesOf = (number: number, files: { filename: string; additions: number; deletions: number }[]) =>
  mockFilesQuery([{ owner: OWNER, repo: REPO, number, files }]);

const queued = (sql: Sql) =>
  sql<{ job_key: string; kind: string; attempts: number; last_error: string | null }[]>`
    select job_key, kind, attempts, last_error from outbox order by job_key
  `;

const workerFor = (sql: Sql, probot: Probot) =>
  createClassifyWorker({
    sql,
    auth: (installationId) => probot.auth(installationId),
    log: pino({ level: "silent" }),
  });

describe.each(storeKinds())("activities classified off the webhook path on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  it("answers a review without reading GitHub, then credits it once the worker has read the files", async () => {
    const probot = createTestProbot(store.sql, { deferReads: true });
    mockNoConfig(OWNER, REPO);
    const payload = reviewBy(reviewer, 501);
    // No file mock yet: a read on the webhook path would fail the test as an unmatched request.
    await receive(probot, "pull_request_review", payload, "review-501");
    await receive(probot, "pull_request_review", payload, "review-501");
    expect(await credited(store.sql)).toEqual([]);
    expect((await queued(store.sql)).map((job) => [job.kind, job.job_key])).toEqual([
      ["check-run", `check-run:${OWNER}/${REPO}#${payload.pull_request.number}`],
      ["classify", "classify:review-501:0"],
    ]);

    const files = mockFilesOf(payload.pull_request.number, [
      { filename: "docs/adr/0007-queue.md", additions: 80, deletions: 0 },
    ]);
    expect(await workerFor(store.sql, probot).drain()).toBe(1);
    expect(files.isDone()).toBe(true);
    expect(await credited(store.sql)).toEqual([["octoreviewer", "review.design"]]);
    expect((await queued(store.sql)).map((job) => job.kind)).toEqual(["check-run"]);

    // The files are stored now: the next review of that head is credited on the webhook path.
    await receive(probot, "pull_request_review", reviewBy(another, 502), "review-502");
    expect((await credited(store.sql)).sort()).toEqual([
      ["octoreviewer", "review.design"],
      ["octosecond", "review.design"],
    ]);
    expect((await queued(store.sql)).map((job) => job.kind)).toEqual(["check-run"]);
  });

  it("reads a PR head's files once for a review and its inline comment queued together", async () => {
    const probot = createTestProbot(store.sql, { deferReads: true });
    mockNoConfig(OWNER, REPO);
    await receive(probot, "pull_request_review", reviewBy(reviewer, 601), "review-601");
    const inline = inlineCommentBy(reviewer, 602);
    await receive(probot, "pull_request_review_comment", inline, "inline-602");
    // One answer only: a second read would be an unmatched request.
    mockFilesOf(inline.pull_request.number, [{ filename: "src/index.ts", additions: 10, deletions: 2 }]);
    expect(await workerFor(store.sql, probot).drain()).toBe(2);
    expect((await credited(store.sql)).sort()).toEqual([
      ["octoreviewer", "review.comment"],
      ["octoreviewer", "review.submitted"],
    ]);
  });

  it("keeps an activity queued while GitHub fails, and credits it once on a later attempt", async () => {
    const probot = createTestProbot(store.sql, { deferReads: true });
    mockNoConfig(OWNER, REPO);
    const payload = reviewBy(reviewer, 701);
    await receive(probot, "pull_request_review", payload, "review-701");
    const worker = workerFor(store.sql, probot);
    // The batched query fails, then the PR's own read does.
    const failingQuery = nock(API).post("/graphql").reply(502, { message: "Bad Gateway" });
    const failing = nock(API)
      .get(`/repos/${OWNER}/${REPO}/pulls/${payload.pull_request.number}/files`)
      .query(true)
      .reply(502, { message: "Bad Gateway" });
    expect(await worker.drain()).toBe(1);
    expect(failingQuery.isDone()).toBe(true);
    expect(failing.isDone()).toBe(true);
    expect(await credited(store.sql)).toEqual([]);
    const [waiting] = (await queued(store.sql)).filter((job) => job.kind === "classify");
    expect(waiting).toMatchObject({ job_key: "classify:review-701:0", attempts: 1 });
    expect(waiting?.last_error).toMatch(/Bad Gateway/);

    // Its retry is due after a backoff; bring it forward instead of waiting.
    await store.sql`update outbox set run_after = now() where kind = 'classify'`;
    mockFilesOf(payload.pull_request.number, [{ filename: "src/index.ts", additions: 10, deletions: 2 }]);
    expect(await worker.drain()).toBe(1);
    expect(await worker.drain()).toBe(0);
    expect(await credited(store.sql)).toEqual([["octoreviewer", "review.submitted"]]);
  });

  it("credits a review of a PR GitHub no longer has as one without files", async () => {
    const probot = createTestProbot(store.sql, { deferReads: true });
    mockNoConfig(OWNER, REPO);
    const payload = reviewBy(reviewer, 801);
    await receive(probot, "pull_request_review", payload, "review-801");
    // GraphQL says NOT_FOUND; the PR's own read confirms it.
    mockFilesQuery([]);
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/pulls/${payload.pull_request.number}/files`)
      .query(true)
      .reply(404, { message: "Not Found" });
    expect(await workerFor(store.sql, probot).drain()).toBe(1);
    expect(await credited(store.sql)).toEqual([["octoreviewer", "review.submitted"]]);
    expect((await queued(store.sql)).map((job) => job.kind)).toEqual(["check-run"]);
  });

  it("drops a queued activity it cannot read and still classifies the others", async () => {
    const probot = createTestProbot(store.sql, { deferReads: true });
    mockNoConfig(OWNER, REPO);
    const payload = reviewBy(reviewer, 901);
    await enqueueJobs(store.sql, [
      { installationId: 1, key: "classify:garbled:0", kind: "classify", payload: { activity: { type: 7 } } },
    ]);
    await receive(probot, "pull_request_review", payload, "review-901");
    mockFilesOf(payload.pull_request.number, [{ filename: "src/index.ts", additions: 10, deletions: 2 }]);
    expect(await workerFor(store.sql, probot).drain()).toBe(2);
    expect(await credited(store.sql)).toEqual([["octoreviewer", "review.submitted"]]);
    expect((await queued(store.sql)).map((job) => job.kind)).toEqual(["check-run"]);
  });
});
