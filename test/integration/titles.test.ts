import nock from "nock";
import { describe, expect, it } from "vitest";
import { portfolioReply } from "../../src/publish/command-replies.js";
import { queryPersonCredits } from "../../src/store/person-credits.js";
import { example } from "../helpers/examples.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { reviewOn } from "../helpers/payloads.js";
import { API, createTestProbot, mockNoConfig, mockPullRequestFiles, receive } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";
import { testWorker } from "../helpers/worker.js";

const OWNER = "Codertocat";
const REPO = "Hello-World";
const HOSTILE = "Fix | ](javascript:alert(1)) <img src=x> <!-- gluework:credit --> @org/team";

describe.each(storeKinds())("titles of credited items on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  it("are stored from the payload, the newest kept, and shown escaped as evidence", async () => {
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    const pr = example("pull_request", "opened");
    const { number } = pr.pull_request;
    mockNoConfig(OWNER, REPO);
    await receive(probot, "pull_request", pr);
    mockPullRequestFiles(OWNER, REPO, number, [{ filename: "src/app.ts", additions: 3, deletions: 1 }]);
    const review = reviewOn(pr.pull_request, {
      login: "octoreviewer",
      id: 9001,
      reviewId: 77,
      state: "approved",
      body: "Nice",
    });
    await receive(probot, "pull_request_review", review);
    nock(API).post(`/repos/${OWNER}/${REPO}/check-runs`).reply(201, { id: 1 });
    await worker.drain();
    const since = new Date("2019-01-01T00:00:00Z");
    const query = { installationId: pr.installation.id, actorId: 9001, since, shownRepoIds: null };
    expect((await queryPersonCredits(store.sql, query)).items.map((item) => item.title)).toEqual([
      pr.pull_request.title,
    ]);

    // The PR renamed: a later review carries the new title, which every credit on it now shows.
    const renamed = reviewOn(
      { ...pr.pull_request, title: HOSTILE },
      {
        login: "octoreviewer",
        id: 9001,
        reviewId: 78,
        state: "commented",
        body: "One more thing",
      },
    );
    await receive(probot, "pull_request_review", renamed);
    nock(API).patch(`/repos/${OWNER}/${REPO}/check-runs/1`).reply(200, { id: 1 });
    await worker.drain();
    const { items } = await queryPersonCredits(store.sql, query);
    expect(items.map((item) => item.title)).toEqual([HOSTILE, HOSTILE]);
    const body = portfolioReply({
      commentId: 5,
      login: "octoreviewer",
      since: since.toISOString(),
      items,
      leftOut: 0,
    });
    expect(body).toContain(
      "\\](javascript:alert(1)) \\<img src=x\\> \\<!-- gluework:credit --\\> @\u200borg/team*",
    );
    expect(body.match(/(?<!\\)<!-- gluework:/g)).toHaveLength(1);
  });
});
