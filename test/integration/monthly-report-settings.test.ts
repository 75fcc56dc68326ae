import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/schema.js";
import { createAppIdentitySource } from "../../src/github/app-identity.js";
import { createMonthlySchedule } from "../../src/schedule/monthly-schedule.js";
import { saveCachedConfig } from "../../src/store/repo-config-cache.js";
import { mockApp, userJson } from "../helpers/github-items.js";
import { useIntegrationStore } from "../helpers/integration.js";
import {
  labelled,
  log,
  mockInstallation,
  publishOctober,
  REPO_IDS,
  repository,
  seedMonth,
} from "../helpers/monthly-report.js";
import { openApiAnswerProblems, openApiProblems } from "../helpers/openapi.js";
import { API, createTestProbot } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";

/** Whose issue is adopted, which repositories are shown, and whose config sets the report. */
describe.each(storeKinds())("monthly report ownership and settings on %s store", (kind) => {
  const store = useIntegrationStore(kind);
  beforeEach(async () => {
    await seedMonth(store.sql);
  });

  const publish = () => publishOctober(store.sql);

  it("never adopts someone else's issue that carries the label and the marker", async () => {
    mockInstallation();
    mockApp();
    // Anyone who can open an issue can label it `gluework` and copy the marker.
    const forged = [labelled(8, "<!-- gluework:report:2026-10 -->\nmine now", userJson("mallory", 666))];
    expect(openApiAnswerProblems("GET /repos/{owner}/{repo}/issues", 200, forged)).toEqual([]);
    let opened: any;
    nock(API)
      .get("/repos/acme/.github/issues")
      .query(true)
      .reply(200, forged)
      .post("/repos/acme/.github/issues", (body) => {
        opened = body;
        return true;
      })
      .reply(201, { number: 9 });
    expect((await publish()).map((r) => r.outcome)).toEqual(["created"]);
    expect(openApiProblems("POST /repos/{owner}/{repo}/issues", opened)).toEqual([]);
    const [row] = await store.sql`select issue_number from report_issues`;
    expect(row?.issue_number).toBe(9);
  });

  it("leaves out a repository GitHub says is internal now, and one made private since its credits", async () => {
    // acme/web's credits were stored as public; it is internal now. acme/secret-plans went public.
    mockInstallation([
      repository("web", false, "internal"),
      repository("secret-plans", false),
      repository(".github", false),
    ]);
    let opened: any;
    nock(API)
      .get("/repos/acme/.github/issues")
      .query(true)
      .reply(200, [])
      .post("/repos/acme/.github/issues", (body) => {
        opened = body;
        return true;
      })
      .reply(201, { number: 7 });
    await publish();
    expect(opened.body).toContain("spy-only-private");
    expect(opened.body).not.toContain("hubot");
    expect(opened.body).not.toContain("acme/web");
    expect(opened.body).toMatch(/1 private repositor/);
  });

  it("takes the report day from the organisation's config, never from a repository's", async () => {
    await store.sql`insert into installations (installation_id) values (1) on conflict do nothing`;
    // acme/web's own config (cached last) asks for the 1st; the organisation's says the 10th.
    await saveCachedConfig(store.sql, 1, REPO_IDS.web ?? 0, {
      config: { ...defaultConfig(), report: { ...defaultConfig().report, day: 1 } },
      problems: [],
    });
    const probot = createTestProbot(store.sql);
    const schedule = createMonthlySchedule({
      sql: store.sql,
      auth: (id) => probot.auth(id),
      app: createAppIdentitySource(() => probot.auth()),
      log,
      claimant: "a",
    });
    const installed = [repository("web", false), repository(".github", false)];
    nock(API)
      .get("/installation/repositories")
      .query(true)
      .reply(200, { total_count: installed.length, repositories: installed })
      .get(`/repos/acme/.github/contents/${encodeURIComponent(".github/gluework.yml")}`)
      .reply(200, "report:\n  day: 10\n", { "content-type": "application/vnd.github.v3.raw; charset=utf-8" });
    expect(await schedule.tick(new Date("2026-11-03T03:00:00Z"))).toBe(0);
    const [claim] = await store.sql`select 1 from report_claims`;
    expect(claim).toBeUndefined();
  });
});
