import nock from "nock";
import { describe, expect, it } from "vitest";
import { countJobs } from "../../src/store/outbox.js";
import { recordCredits } from "../../src/store/record-credits.js";
import { creditOf } from "../helpers/credits.js";
import { example } from "../helpers/examples.js";
import { checkRunJson, mockApp, TEST_APP } from "../helpers/github-items.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { openApiAnswerProblems, openApiProblems } from "../helpers/openapi.js";
import { defaultOrder } from "../helpers/order-rules.js";
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

describe.each(storeKinds())("Glue work check run on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  const opened = () => example("pull_request", "opened");
  const LIST_RUNS = "GET /repos/{owner}/{repo}/commits/{ref}/check-runs";
  /** GitHub's answer listing the check runs on `head`: `runs` made by the given apps. */
  const runsOn = (head: string, runs: { id: number; app: { id: number; slug: string } }[]) => {
    const answer = {
      total_count: runs.length,
      check_runs: runs.map((run) =>
        checkRunJson(`${OWNER}/${REPO}`, {
          ...run,
          headSha: head,
          name: "Glue work",
          externalId: "gluework",
        }),
      ),
    };
    expect(openApiAnswerProblems(LIST_RUNS, 200, answer)).toEqual([]);
    return answer;
  };
  const reviewOf = (pr: Record<string, any>, login: string, id: number, reviewId: number) => {
    const payload = reviewOn(pr, { login, id, reviewId, state: "approved", body: "Nice work" });
    payload.review.html_url = `https://github.com/${OWNER}/${REPO}/pull/${pr.number}#pullrequestreview-${reviewId}`;
    return payload;
  };

  it("creates a neutral check run on the PR head, then updates the same one when a review arrives", async () => {
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    const pr = opened();
    const { number } = pr.pull_request;
    mockNoConfig(OWNER, REPO);
    await receive(probot, "pull_request", pr);

    // Gluework saw the PR opened: nothing of its own can be on this head, so it creates without searching.
    let created: any;
    nock(API)
      .post(`/repos/${OWNER}/${REPO}/check-runs`, (body) => {
        created = body;
        return true;
      })
      .reply(201, { id: 555 });
    expect(await worker.drain()).toBe(1);
    expect(openApiProblems("POST /repos/{owner}/{repo}/check-runs", created)).toEqual([]);
    expect(created).toMatchInlineSnapshot(`
      {
        "conclusion": "neutral",
        "external_id": "gluework",
        "head_sha": "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
        "name": "Glue work",
        "output": {
          "summary": "Reviews, design feedback, triage, mentoring and other glue work on this PR will be listed here.

      <sub>Gluework credits glue work: reviews, docs, onboarding, triage, unblocking and process. This check is always neutral and never blocks a merge.</sub>",
          "title": "No glue work recorded on this PR yet",
        },
        "status": "completed",
      }
    `);

    mockPullRequestFiles(OWNER, REPO, number, [{ filename: "src/app.ts", additions: 3, deletions: 1 }]);
    await receive(probot, "pull_request_review", reviewOf(pr.pull_request, "octoreviewer", 9001, 77));
    let updated: any;
    nock(API)
      .patch(`/repos/${OWNER}/${REPO}/check-runs/555`, (body) => {
        updated = body;
        return true;
      })
      .reply(200, { id: 555 });
    expect(await worker.drain()).toBe(1);
    expect(openApiProblems("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", updated)).toEqual([]);
    expect(updated.conclusion).toBe("neutral");
    expect(updated.output).toMatchInlineSnapshot(`
      {
        "summary": "| Who | What | Evidence, newest first |
      | --- | --- | --- |
      | [octoreviewer](https://github.com/octoreviewer) | code-review | [review](https://github.com/Codertocat/Hello-World/pull/2#pullrequestreview-77) |

      <sub>Gluework credits glue work: reviews, docs, onboarding, triage, unblocking and process. This check is always neutral and never blocks a merge.</sub>",
        "title": "1 person did glue work on this PR",
      }
    `);

    // The same review delivered again changes nothing: no job runs a write.
    await receive(probot, "pull_request_review", reviewOf(pr.pull_request, "octoreviewer", 9001, 77));
    expect(await worker.drain()).toBe(1);
    expect(await countJobs(store.sql)).toBe(0);
  });

  it("searches the head before creating again when a create it noted was never confirmed", async () => {
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    const pr = opened();
    const head = pr.pull_request.head.sha;
    mockNoConfig(OWNER, REPO);
    await receive(probot, "pull_request", pr);
    // GitHub made the check run but the answer was lost: the retry must find it, not make another.
    mockApp();
    const scope = nock(API)
      .post(`/repos/${OWNER}/${REPO}/check-runs`)
      .reply(502, { message: "Server Error" })
      .get(`/repos/${OWNER}/${REPO}/commits/${head}/check-runs`)
      .query(true)
      .reply(200, runsOn(head, [{ id: 808, app: TEST_APP }]))
      .patch(`/repos/${OWNER}/${REPO}/check-runs/808`)
      .reply(200, { id: 808 });
    expect(await worker.drain()).toBe(2);
    expect(scope.isDone()).toBe(true);
    expect(await countJobs(store.sql)).toBe(0);
  });

  it("searches by external id for a PR it did not see opened", async () => {
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    const pr = opened();
    const head = pr.pull_request.head.sha;
    mockNoConfig(OWNER, REPO);
    mockPullRequestFiles(OWNER, REPO, pr.pull_request.number, [
      { filename: "src/app.ts", additions: 3, deletions: 1 },
    ]);
    await receive(probot, "pull_request_review", reviewOf(pr.pull_request, "octoreviewer", 9001, 77));
    mockApp();
    const scope = nock(API)
      .get(`/repos/${OWNER}/${REPO}/commits/${head}/check-runs`)
      .query(true)
      .reply(200, runsOn(head, [{ id: 909, app: TEST_APP }]))
      .patch(`/repos/${OWNER}/${REPO}/check-runs/909`)
      .reply(200, { id: 909 });
    expect(await worker.drain()).toBe(1);
    expect(scope.isDone()).toBe(true);
  });

  it("never adopts another app's check run that uses the same name and external id", async () => {
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    const pr = opened();
    const head = pr.pull_request.head.sha;
    mockNoConfig(OWNER, REPO);
    mockPullRequestFiles(OWNER, REPO, pr.pull_request.number, [
      { filename: "src/app.ts", additions: 3, deletions: 1 },
    ]);
    await receive(probot, "pull_request_review", reviewOf(pr.pull_request, "octoreviewer", 9001, 77));
    mockApp();
    let created: any;
    const scope = nock(API)
      .get(`/repos/${OWNER}/${REPO}/commits/${head}/check-runs`)
      .query(true)
      .reply(200, runsOn(head, [{ id: 666, app: { id: 31337, slug: "impostor" } }]))
      .post(`/repos/${OWNER}/${REPO}/check-runs`, (body) => {
        created = body;
        return true;
      })
      .reply(201, { id: 910 });
    expect(await worker.drain()).toBe(1);
    expect(scope.isDone()).toBe(true);
    expect(openApiProblems("POST /repos/{owner}/{repo}/check-runs", created)).toEqual([]);
    expect(created.output.summary).toContain("octoreviewer");
  });

  it("lists only this repository's credits, not those of a repository that had its name before", async () => {
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    const pr = opened();
    // A private repository (another id) was called Codertocat/Hello-World and had a PR #2 too.
    await recordCredits(
      store.sql,
      { installationId: 1, deliveryId: "old", event: "seed" },
      [
        creditOf({
          installationId: pr.installation.id,
          repoId: 999,
          repo: `${OWNER}/${REPO}`,
          repoPrivate: true,
          actorLogin: "private-reviewer",
          subjectKey: `${OWNER}/${REPO}#${pr.pull_request.number}`,
          url: `https://github.com/${OWNER}/${REPO}/pull/${pr.pull_request.number}#pullrequestreview-1`,
        }),
      ],
      defaultOrder,
    );
    mockNoConfig(OWNER, REPO);
    await receive(probot, "pull_request", pr);
    let created: any;
    nock(API)
      .post(`/repos/${OWNER}/${REPO}/check-runs`, (body) => {
        created = body;
        return true;
      })
      .reply(201, { id: 911 });
    expect(await worker.drain()).toBe(1);
    expect(created.output.title).toBe("No glue work recorded on this PR yet");
    expect(JSON.stringify(created)).not.toContain("private-reviewer");
  });

  it("coalesces a burst of events on one PR into one write", async () => {
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    const pr = opened();
    mockNoConfig(OWNER, REPO);
    mockPullRequestFiles(OWNER, REPO, pr.pull_request.number, [
      { filename: "src/app.ts", additions: 3, deletions: 1 },
    ]);
    await receive(probot, "pull_request", pr);
    for (let index = 0; index < 5; index += 1) {
      await receive(
        probot,
        "pull_request_review",
        reviewOf(pr.pull_request, `reviewer${index}`, 100 + index, 200 + index),
      );
    }
    let posted: any;
    nock(API)
      .post(`/repos/${OWNER}/${REPO}/check-runs`, (body) => {
        posted = body;
        return true;
      })
      .reply(201, { id: 9 });
    expect(await worker.drain()).toBe(1);
    expect(posted.output.title).toBe("5 people did glue work on this PR");
  });

  it("shows an invalid config's problems on the check run and keeps crediting with defaults", async () => {
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    const pr = opened();
    mockConfig(OWNER, REPO, "weights:\n  review.submitted: lots\nunblocking:\n  wait_hour: 3\n");
    await receive(probot, "pull_request", pr);
    let posted: any;
    nock(API)
      .post(`/repos/${OWNER}/${REPO}/check-runs`, (body) => {
        posted = body;
        return true;
      })
      .reply(201, { id: 10 });
    await worker.drain();
    expect(posted.conclusion).toBe("neutral");
    expect(posted.output.summary).toMatchInlineSnapshot(`
      "### ⚠️ \`.github/gluework.yml\` has problems

      Gluework is using its defaults until they are fixed.

      | Field | Problem | Write instead |
      | --- | --- | --- |
      | \`unblocking\` | Unrecognized key: "wait_hour" | remove \`wait_hour\`, or check the spelling against the JSON Schema |
      | \`weights["review.submitted"]\` | Invalid input: expected number, received string | write a number |

      Reviews, design feedback, triage, mentoring and other glue work on this PR will be listed here.

      <sub>Gluework credits glue work: reviews, docs, onboarding, triage, unblocking and process. This check is always neutral and never blocks a merge.</sub>"
    `);
  });

  it("plans and logs the write instead of calling GitHub in a dry run", async () => {
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql, true);
    const pr = opened();
    mockNoConfig(OWNER, REPO);
    await receive(probot, "pull_request", pr);
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/commits/${pr.pull_request.head.sha}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] });
    expect(await worker.drain()).toBe(1);
    expect(await countJobs(store.sql)).toBe(0);
  });

  it("plans the check run and writes nothing when the repository's config says dry_run: true", async () => {
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    const pr = opened();
    mockConfig(OWNER, REPO, "dry_run: true\n");
    await receive(probot, "pull_request", pr);
    // A dry run only reads (nock fails the test on any write it has no mock for).
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/commits/${pr.pull_request.head.sha}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] });
    expect(await worker.drain()).toBe(1);
    expect(await countJobs(store.sql)).toBe(0);
  });
});
