import nock from "nock";
import type { Probot } from "probot";
import { describe, expect, it } from "vitest";
import { countJobs } from "../../src/store/outbox.js";
import { recordCredits } from "../../src/store/record-credits.js";
import { creditOf } from "../helpers/credits.js";
import { example } from "../helpers/examples.js";
import { checkRunJson, mockApp, TEST_APP } from "../helpers/github-items.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { keepBody } from "../helpers/keep-body.js";
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
  /** A test Probot, its outbox worker (planning only, with `dryRun`) and a PR to deliver as opened. */
  const appAndPr = (dryRun = false) => {
    const probot = createTestProbot(store.sql);
    return { probot, worker: testWorker(probot, store.sql, dryRun), pr: opened() };
  };
  /** octoreviewer's review of `pr` arrives, though Gluework never saw the PR opened. */
  const reviewUnseenPr = async (probot: Probot, pr: ReturnType<typeof opened>) => {
    mockNoConfig(OWNER, REPO);
    mockPullRequestFiles(OWNER, REPO, pr.pull_request.number, [
      { filename: "src/app.ts", additions: 3, deletions: 1 },
    ]);
    await receive(probot, "pull_request_review", reviewOf(pr.pull_request, "octoreviewer", 9001, 77));
  };
  /** Answers the next create of a check run (or the update of run `id`), keeping the body sent. */
  const checkRunWrite = (write: "create" | "update", id: number) => {
    const sent = keepBody();
    const runs = `/repos/${OWNER}/${REPO}/check-runs`;
    if (write === "create") nock(API).post(runs, sent.match).reply(201, { id });
    else nock(API).patch(`${runs}/${id}`, sent.match).reply(200, { id });
    return sent;
  };
  /** GitHub lists no check run on `head`. */
  const noRunsOn = (head: string) =>
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/commits/${head}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] });

  it("creates a neutral check run on the PR head, then updates the same one when a review arrives", async () => {
    const { probot, worker, pr } = appAndPr();
    const { number } = pr.pull_request;
    mockNoConfig(OWNER, REPO);
    await receive(probot, "pull_request", pr);

    // Gluework saw the PR opened: nothing of its own can be on this head, so it creates without searching.
    const created = checkRunWrite("create", 555);
    expect(await worker.drain()).toBe(1);
    expect(openApiProblems("POST /repos/{owner}/{repo}/check-runs", created.body)).toEqual([]);
    expect(created.body).toMatchInlineSnapshot(`
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
    const updated = checkRunWrite("update", 555);
    expect(await worker.drain()).toBe(1);
    expect(openApiProblems("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", updated.body)).toEqual(
      [],
    );
    expect(updated.body.conclusion).toBe("neutral");
    expect(updated.body.output).toMatchInlineSnapshot(`
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
    const { probot, worker, pr } = appAndPr();
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
    const { probot, worker, pr } = appAndPr();
    const head = pr.pull_request.head.sha;
    await reviewUnseenPr(probot, pr);
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
    const { probot, worker, pr } = appAndPr();
    const head = pr.pull_request.head.sha;
    await reviewUnseenPr(probot, pr);
    mockApp();
    const created = keepBody();
    const scope = nock(API)
      .get(`/repos/${OWNER}/${REPO}/commits/${head}/check-runs`)
      .query(true)
      .reply(200, runsOn(head, [{ id: 666, app: { id: 31337, slug: "impostor" } }]))
      .post(`/repos/${OWNER}/${REPO}/check-runs`, created.match)
      .reply(201, { id: 910 });
    expect(await worker.drain()).toBe(1);
    expect(scope.isDone()).toBe(true);
    expect(openApiProblems("POST /repos/{owner}/{repo}/check-runs", created.body)).toEqual([]);
    expect(created.body.output.summary).toContain("octoreviewer");
  });

  it("lists only this repository's credits, not those of a repository that had its name before", async () => {
    const { probot, worker, pr } = appAndPr();
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
    const created = checkRunWrite("create", 911);
    expect(await worker.drain()).toBe(1);
    expect(created.body.output.title).toBe("No glue work recorded on this PR yet");
    expect(JSON.stringify(created.body)).not.toContain("private-reviewer");
  });

  it("coalesces a burst of events on one PR into one write", async () => {
    const { probot, worker, pr } = appAndPr();
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
    const posted = checkRunWrite("create", 9);
    expect(await worker.drain()).toBe(1);
    expect(posted.body.output.title).toBe("5 people did glue work on this PR");
  });

  it("shows an invalid config's problems on the check run and keeps crediting with defaults", async () => {
    const { probot, worker, pr } = appAndPr();
    mockConfig(OWNER, REPO, "weights:\n  review.submitted: lots\nunblocking:\n  wait_hour: 3\n");
    await receive(probot, "pull_request", pr);
    const posted = checkRunWrite("create", 10);
    await worker.drain();
    expect(posted.body.conclusion).toBe("neutral");
    expect(posted.body.output.summary).toMatchInlineSnapshot(`
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
    const { probot, worker, pr } = appAndPr(true);
    mockNoConfig(OWNER, REPO);
    await receive(probot, "pull_request", pr);
    noRunsOn(pr.pull_request.head.sha);
    expect(await worker.drain()).toBe(1);
    expect(await countJobs(store.sql)).toBe(0);
  });

  it("plans the check run and writes nothing when the repository's config says dry_run: true", async () => {
    const { probot, worker, pr } = appAndPr();
    mockConfig(OWNER, REPO, "dry_run: true\n");
    await receive(probot, "pull_request", pr);
    // A dry run only reads (nock fails the test on any write it has no mock for).
    noRunsOn(pr.pull_request.head.sha);
    expect(await worker.drain()).toBe(1);
    expect(await countJobs(store.sql)).toBe(0);
  });
});
