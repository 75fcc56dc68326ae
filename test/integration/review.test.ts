import { describe, expect, it } from "vitest";
import { queryCredits } from "../../src/store/query-credits.js";
import { example, user } from "../helpers/examples.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { createTestProbot, mockNoConfig, mockPullRequestFiles, receive } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";

const window = { installationId: 1, since: new Date("2000-01-01"), until: new Date("2100-01-01") };

describe.each(storeKinds())("pull_request_review on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  const reviewBy = (login: string, id: number) => {
    const payload = example("pull_request_review", "submitted");
    payload.review.user = user(login, id);
    payload.review.state = "approved";
    payload.review.body = "Looks good, one nit about naming.";
    return payload;
  };

  it("credits a review of someone else's PR as code review, once however often it is delivered", async () => {
    const probot = createTestProbot(store.sql);
    const payload = reviewBy("octoreviewer", 9001);
    mockNoConfig("Codertocat", "Hello-World");
    mockPullRequestFiles("Codertocat", "Hello-World", payload.pull_request.number, [
      { filename: "src/index.ts", additions: 10, deletions: 2 },
    ]);
    await receive(probot, "pull_request_review", payload, "d-1");
    await receive(probot, "pull_request_review", payload, "d-1");
    const rows = await queryCredits(store.sql, window);
    expect(rows.map((row) => [row.actorLogin, row.category, row.rule])).toEqual([
      ["octoreviewer", "code-review", "review.submitted"],
    ]);
  });

  it("credits nothing for reviewing your own PR", async () => {
    const probot = createTestProbot(store.sql);
    const payload = reviewBy("Codertocat", 21031067);
    mockNoConfig("Codertocat", "Hello-World");
    // Nothing can be credited, so the PR's files are not even read (an unmocked read fails the test).
    await receive(probot, "pull_request_review", payload);
    expect(await queryCredits(store.sql, window)).toEqual([]);
  });

  it("credits a review of a PR that changes a design doc as design review", async () => {
    const probot = createTestProbot(store.sql);
    const payload = reviewBy("octoreviewer", 9001);
    mockNoConfig("Codertocat", "Hello-World");
    mockPullRequestFiles("Codertocat", "Hello-World", payload.pull_request.number, [
      { filename: "docs/adr/0007-queue.md", additions: 80, deletions: 0 },
    ]);
    await receive(probot, "pull_request_review", payload);
    const rows = await queryCredits(store.sql, window);
    expect(rows.map((row) => row.rule)).toEqual(["review.design"]);
  });
});
