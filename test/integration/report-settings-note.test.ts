import nock from "nock";
import { describe, expect, it } from "vitest";
import { example } from "../helpers/examples.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { openApiProblems } from "../helpers/openapi.js";
import { API, createTestProbot, mockConfig, receive } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";
import { testWorker } from "../helpers/worker.js";

const OWNER = "Codertocat";
const REPO = "Hello-World";
const CONFIG_PATH = encodeURIComponent(".github/gluework.yml");

describe.each(storeKinds())("report settings in a repository's config on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  /** The check run Gluework creates on a PR it sees opened, with the config GitHub serves. */
  const firstCheckRun = async (): Promise<{ output: { summary: string } }> => {
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    await receive(probot, "pull_request", example("pull_request", "opened"));
    let created: any;
    nock(API)
      .post(`/repos/${OWNER}/${REPO}/check-runs`, (body) => {
        created = body;
        return true;
      })
      .reply(201, { id: 12 });
    expect(await worker.drain()).toBe(1);
    expect(openApiProblems("POST /repos/{owner}/{repo}/check-runs", created)).toEqual([]);
    return created;
  };

  it("a repository's own report.day and report.repository get a note on its check run saying where they belong", async () => {
    mockConfig(
      OWNER,
      REPO,
      "report:\n  day: 5\n  repository: Codertocat/reports\nexclude:\n  logins: [ci-helper]\n",
    );
    const run = await firstCheckRun();
    expect(run.output.summary).toContain("### ℹ️ `.github/gluework.yml` sets what belongs elsewhere");
    expect(run.output.summary).toContain("| `report.day, report.repository` |");
    expect(run.output.summary).toContain("organisation's `.github` repository");
    // The rest of the config is used, not replaced by the defaults.
    expect(run.output.summary).not.toContain("using its defaults");
    const [cached] = await store.sql`select config from repo_configs`;
    expect(cached?.config.exclude.logins).toEqual(["ci-helper"]);
  });

  it("the organisation's report settings, inherited by a repository without its own file, get no note", async () => {
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/contents/${CONFIG_PATH}`)
      .reply(404, { message: "Not Found" })
      .get(`/repos/${OWNER}/.github/contents/${CONFIG_PATH}`)
      .reply(200, "report:\n  day: 5\n", { "content-type": "application/vnd.github.v3.raw; charset=utf-8" });
    const run = await firstCheckRun();
    expect(run.output.summary).not.toContain("belongs elsewhere");
  });
});
