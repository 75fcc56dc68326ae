import nock from "nock";
import { describe, expect, it } from "vitest";
import type { Sql } from "../../src/store/db.js";
import { findCachedConfig, saveCachedConfig } from "../../src/store/repo-config-cache.js";
import { example, examplesOf, user } from "../helpers/examples.js";
import { mockFilesQuery } from "../helpers/github-reads.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { credited } from "../helpers/ledger.js";
import {
  API,
  createTestProbot,
  mockConfig,
  mockNoConfig,
  mockPullRequestFiles,
  receive,
  testClassifyWorker,
} from "../helpers/probot.js";
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

/** GitHub's file list of PR `number` of the example repository (a lone PR is read over REST). */
const mockFilesOf = (number: number, files: { filename: string; additions: number; deletions: number }[]) =>
  mockPullRequestFiles(OWNER, REPO, number, files);

const queued = (sql: Sql) =>
  sql<{ job_key: string; kind: string; attempts: number; last_error: string | null }[]>`
    select job_key, kind, attempts, last_error from outbox order by job_key
  `;

/** The inbox: every entry, whether the classify stage has taken it, and its last failure. */
const inbox = (sql: Sql) =>
  sql<{ activity_key: string; classified: boolean; attempts: number; last_error: string | null }[]>`
    select activity_key, classified_at is not null as classified, attempts, last_error
    from activities order by activity_key
  `;

const manualProbot = (sql: Sql) => {
  const probot = createTestProbot(sql, { classify: "manual" });
  return { probot, worker: testClassifyWorker(probot, sql) };
};

describe.each(storeKinds())("the inbox and the classify stage on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  it("records a review without reading config or GitHub, then credits it once in the classify stage", async () => {
    const { probot, worker } = manualProbot(store.sql);
    const payload = reviewBy(reviewer, 501);
    // No mocks yet: any read on the webhook path would fail the test as an unmatched request.
    await receive(probot, "pull_request_review", payload, "review-501");
    await receive(probot, "pull_request_review", payload, "review-501");
    expect(await credited(store.sql)).toEqual([]);
    expect(await inbox(store.sql)).toEqual([
      { activity_key: "review-501:0", classified: false, attempts: 0, last_error: null },
    ]);
    // Its check run waits for its credits: the classify stage queues it.
    expect(await queued(store.sql)).toEqual([]);

    mockNoConfig(OWNER, REPO);
    const files = mockFilesOf(payload.pull_request.number, [
      { filename: "docs/adr/0007-queue.md", additions: 80, deletions: 0 },
    ]);
    expect(await worker.drain()).toBe(1);
    expect(files.isDone()).toBe(true);
    expect(await credited(store.sql)).toEqual([["octoreviewer", "review.design"]]);
    expect((await inbox(store.sql)).map((entry) => entry.classified)).toEqual([true]);
    expect((await queued(store.sql)).map((job) => [job.kind, job.job_key])).toEqual([
      ["check-run", `check-run:${OWNER}/${REPO}#${payload.pull_request.number}`],
    ]);

    // The files and the config are stored now: the next review of that head needs no read.
    await receive(probot, "pull_request_review", reviewBy(another, 502), "review-502");
    expect(await worker.drain()).toBe(1);
    expect((await credited(store.sql)).sort()).toEqual([
      ["octoreviewer", "review.design"],
      ["octosecond", "review.design"],
    ]);
  });

  it("reads a repository's config once and a PR head's files once for a batch of its activities", async () => {
    const { probot, worker } = manualProbot(store.sql);
    await receive(probot, "pull_request_review", reviewBy(reviewer, 601), "review-601");
    const inline = inlineCommentBy(reviewer, 602);
    await receive(probot, "pull_request_review_comment", inline, "inline-602");
    // One answer each: a second read would be an unmatched request.
    mockNoConfig(OWNER, REPO);
    mockFilesOf(inline.pull_request.number, [{ filename: "src/index.ts", additions: 10, deletions: 2 }]);
    expect(await worker.drain()).toBe(2);
    expect((await credited(store.sql)).sort()).toEqual([
      ["octoreviewer", "review.comment"],
      ["octoreviewer", "review.submitted"],
    ]);
  });

  it("reads the files of several PRs in one GraphQL query", async () => {
    const { probot, worker } = manualProbot(store.sql);
    const first = reviewBy(reviewer, 651);
    const second = reviewBy(another, 652);
    second.pull_request = { ...second.pull_request, number: second.pull_request.number + 1 };
    await receive(probot, "pull_request_review", first, "review-651");
    await receive(probot, "pull_request_review", second, "review-652");
    mockNoConfig(OWNER, REPO);
    const query = mockFilesQuery([
      {
        owner: OWNER,
        repo: REPO,
        number: first.pull_request.number,
        files: [{ filename: "docs/guide.md", additions: 5, deletions: 0 }],
      },
      {
        owner: OWNER,
        repo: REPO,
        number: second.pull_request.number,
        files: [{ filename: "src/a.ts", additions: 5, deletions: 0 }],
      },
    ]);
    expect(await worker.drain()).toBe(2);
    expect(query.isDone()).toBe(true);
    expect((await credited(store.sql)).sort()).toEqual([
      ["octoreviewer", "review.submitted"],
      ["octosecond", "review.submitted"],
    ]);
  });

  it("keeps an activity waiting while GitHub fails, and credits it once on a later attempt", async () => {
    const { probot, worker } = manualProbot(store.sql);
    mockNoConfig(OWNER, REPO);
    const payload = reviewBy(reviewer, 701);
    await receive(probot, "pull_request_review", payload, "review-701");
    const failing = nock(API)
      .get(`/repos/${OWNER}/${REPO}/pulls/${payload.pull_request.number}/files`)
      .query(true)
      .reply(502, { message: "Bad Gateway" });
    expect(await worker.drain()).toBe(1);
    expect(failing.isDone()).toBe(true);
    expect(await credited(store.sql)).toEqual([]);
    const [waiting] = await inbox(store.sql);
    expect(waiting).toMatchObject({ activity_key: "review-701:0", classified: false, attempts: 1 });
    expect(waiting?.last_error).toMatch(/Bad Gateway/);

    // Its retry is due after a backoff; bring it forward instead of waiting.
    await store.sql`update activities set run_after = now()`;
    mockFilesOf(payload.pull_request.number, [{ filename: "src/index.ts", additions: 10, deletions: 2 }]);
    expect(await worker.drain()).toBe(1);
    expect(await worker.drain()).toBe(0);
    expect(await credited(store.sql)).toEqual([["octoreviewer", "review.submitted"]]);
  });

  it("credits a review of a PR GitHub no longer has as one without files", async () => {
    const { probot, worker } = manualProbot(store.sql);
    mockNoConfig(OWNER, REPO);
    const payload = reviewBy(reviewer, 801);
    await receive(probot, "pull_request_review", payload, "review-801");
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/pulls/${payload.pull_request.number}/files`)
      .query(true)
      .reply(404, { message: "Not Found" });
    expect(await worker.drain()).toBe(1);
    expect(await credited(store.sql)).toEqual([["octoreviewer", "review.submitted"]]);
    expect((await queued(store.sql)).map((job) => job.kind)).toEqual(["check-run"]);
  });

  it("drops an inbox entry that is no activity and still classifies the others", async () => {
    const { probot, worker } = manualProbot(store.sql);
    mockNoConfig(OWNER, REPO);
    const payload = reviewBy(reviewer, 901);
    await store.sql`
      insert into activities (installation_id, activity_key, repo_id, delivery_id, activity, occurred_at)
      values (1, 'garbled:0', 1, 'garbled', ${store.sql.json({ type: 7 })}, now())
    `;
    await receive(probot, "pull_request_review", payload, "review-901");
    mockFilesOf(payload.pull_request.number, [{ filename: "src/index.ts", additions: 10, deletions: 2 }]);
    expect(await worker.drain()).toBe(2);
    expect(await credited(store.sql)).toEqual([["octoreviewer", "review.submitted"]]);
    expect((await inbox(store.sql)).map((entry) => entry.activity_key)).toEqual(["review-901:0"]);
  });

  it("keeps nothing of a repository that opted out: no activities, no credits, no writes", async () => {
    const { probot, worker } = manualProbot(store.sql);
    mockConfig(OWNER, REPO, "opt_out: true\n");
    await receive(probot, "pull_request_review", reviewBy(reviewer, 951), "review-951");
    expect(await worker.drain()).toBe(1);
    expect(await inbox(store.sql)).toEqual([]);
    expect(await credited(store.sql)).toEqual([]);
    expect(await queued(store.sql)).toEqual([]);
  });

  it("forgets a repository's cached config in the transaction of the push that changes it", async () => {
    const { probot } = manualProbot(store.sql);
    const withCommit = examplesOf("push").find((candidate) => (candidate.commits as unknown[]).length > 0);
    const push: Record<string, any> = { ...example("push"), ...withCommit };
    const cached = { config: { exclude: { logins: ["old"] } }, problems: [] };
    await saveCachedConfig(store.sql, push.installation?.id ?? 0, push.repository.id, cached as never);
    expect(await findCachedConfig(store.sql, push.installation?.id ?? 0, push.repository.id)).not.toBeNull();
    push.commits = [
      { ...push.commits[0], added: [], removed: [], modified: [".github/gluework.yml"] },
    ] as never;
    await receive(probot, "push", push, "push-config");
    expect(await findCachedConfig(store.sql, push.installation?.id ?? 0, push.repository.id)).toBeNull();
  });
});
