import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import { createAppIdentitySource } from "../../src/github/app-identity.js";
import { publishMonthlyReport } from "../../src/publish/publish-monthly-report.js";
import { createMonthlySchedule } from "../../src/schedule/monthly-schedule.js";
import { recordCredits } from "../../src/store/record-credits.js";
import { claimReport } from "../../src/store/report-claims.js";
import { mockApp } from "../helpers/github-items.js";
import { useIntegrationStore } from "../helpers/integration.js";
import {
  credit,
  labelled,
  log,
  mockInstallation,
  publishOctober,
  repository,
  seedMonth,
} from "../helpers/monthly-report.js";
import { openApiAnswerProblems, openApiProblems } from "../helpers/openapi.js";
import { defaultOrder } from "../helpers/order-rules.js";
import { API, createTestProbot } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";

describe.each(storeKinds())("monthly report issue on %s store", (kind) => {
  const store = useIntegrationStore(kind);
  beforeEach(async () => {
    await seedMonth(store.sql);
  });

  const publish = (dryRun = false) => publishOctober(store.sql, dryRun);

  it("opens one issue in the org's .github repository with nothing from private repositories", async () => {
    mockInstallation();
    let opened: any;
    nock(API)
      .get("/repos/acme/.github/issues")
      .query({ labels: "gluework", state: "all", per_page: "100" })
      .reply(200, [])
      .post("/repos/acme/.github/issues", (body) => {
        opened = body;
        return true;
      })
      .reply(201, { number: 7 });
    const [result] = await publish();
    expect(result?.outcome).toBe("created");
    expect(openApiProblems("POST /repos/{owner}/{repo}/issues", opened)).toEqual([]);
    expect(opened.title).toBe("Glue work report: October 2026 (acme)");
    expect(opened.labels).toEqual(["gluework"]);
    expect(opened.body.split("\n")[0]).toBe("<!-- gluework:report:2026-10 -->");
    expect(opened.body).toContain("mona");
    expect(opened.body).not.toContain("secret-plans");
    expect(opened.body).not.toContain("spy-only-private");
    expect(opened.body).not.toContain("pull/5");
    expect(opened.body).toMatch(/1 private repositor/);
  });

  it("goes to report.repository from the org's config, and report.balance.min_credits changes the balance notes", async () => {
    const repos = [repository("web", false), repository("reports", true), repository(".github", false)];
    nock(API)
      .get("/installation/repositories")
      .query(true)
      .reply(200, { total_count: repos.length, repositories: repos })
      .get(`/repos/acme/.github/contents/${encodeURIComponent(".github/gluework.yml")}`)
      .reply(200, "report:\n  repository: acme/reports\n  balance:\n    min_credits: 3\n", {
        "content-type": "application/vnd.github.v3.raw; charset=utf-8",
      });
    let opened: any;
    nock(API)
      .get("/repos/acme/reports/issues")
      .query(true)
      .reply(200, [])
      .post("/repos/acme/reports/issues", (body) => {
        opened = body;
        return true;
      })
      .reply(201, { number: 3 });
    const [result] = await publish();
    expect(result?.destination).toBe("acme/reports");
    // A private destination shows private repositories too; code-review has 5 credits, at least 3.
    expect(opened.body).toContain("secret-plans");
    expect(opened.body).toContain("kinds with at least 3 credits (`report.balance.min_credits`)");
    expect(opened.body).toMatch(/- \*\*code-review\*\*: \d+% of its 5 credits came from one person/);
  });

  it("publishing again edits the same issue only when the report changed", async () => {
    mockInstallation();
    nock(API)
      .get("/repos/acme/.github/issues")
      .query(true)
      .reply(200, [])
      .post("/repos/acme/.github/issues")
      .reply(201, { number: 7 });
    await publish();

    mockInstallation();
    expect((await publish()).map((r) => r.outcome)).toEqual(["unchanged"]);

    await recordCredits(
      store.sql,
      { installationId: 1, deliveryId: "more", event: "seed" },
      [credit("octocat", "9", "acme/web", false)],
      defaultOrder,
    );
    mockInstallation();
    let edited: any;
    nock(API)
      .patch("/repos/acme/.github/issues/7", (body) => {
        edited = body;
        return true;
      })
      .reply(200, { number: 7 });
    expect((await publish()).map((r) => r.outcome)).toEqual(["updated"]);
    expect(openApiProblems("PATCH /repos/{owner}/{repo}/issues/{issue_number}", edited)).toEqual([]);
    expect(edited.body).toContain("octocat");
  });

  it("finds the month's issue by its marker when the store lost track of it", async () => {
    mockInstallation();
    mockApp();
    const issues = [
      labelled(3, "<!-- gluework:report:2026-09 -->\nlast month"),
      labelled(8, "<!-- gluework:report:2026-10 -->\nstale"),
    ];
    expect(openApiAnswerProblems("GET /repos/{owner}/{repo}/issues", 200, issues)).toEqual([]);
    nock(API)
      .get("/repos/acme/.github/issues")
      .query(true)
      .reply(200, issues)
      .patch("/repos/acme/.github/issues/8")
      .reply(200, { number: 8 });
    expect((await publish()).map((r) => r.outcome)).toEqual(["updated"]);
  });

  it("three publishes at once open exactly one issue", async () => {
    for (let index = 0; index < 3; index += 1) mockInstallation();
    nock(API)
      .get("/repos/acme/.github/issues")
      .query(true)
      .reply(200, [])
      .post("/repos/acme/.github/issues")
      .reply(201, { number: 11 });
    const outcomes = (await Promise.all([publish(), publish(), publish()])).flat().map((r) => r.outcome);
    expect(outcomes.sort()).toEqual(["created", "unchanged", "unchanged"]);
  });

  it("without a .github repository, reports go to each active repository and a public one shows only itself", async () => {
    mockInstallation([repository("web", false), repository("secret-plans", true)]).persist(false);
    nock.cleanAll();
    nock(API)
      .get("/installation/repositories")
      .query(true)
      .reply(200, {
        total_count: 2,
        repositories: [repository("web", false), repository("secret-plans", true)],
      });
    const bodies: Record<string, string> = {};
    for (const name of ["web", "secret-plans"]) {
      nock(API)
        .get(`/repos/acme/${name}/issues`)
        .query(true)
        .reply(200, [])
        .post(`/repos/acme/${name}/issues`, (body) => {
          bodies[name] = body.body;
          return true;
        })
        .reply(201, { number: 1 });
    }
    await publish();
    expect(bodies.web).toContain("mona");
    expect(bodies.web).not.toContain("secret-plans");
    expect(bodies.web).not.toContain("spy-only-private");
    expect(bodies["secret-plans"]).toContain("spy-only-private");
  });

  it("opens no issue for a month without any credit, and asks GitHub nothing", async () => {
    const probot = createTestProbot(store.sql);
    const octokit = await probot.auth(1);
    const results = await publishMonthlyReport({
      sql: store.sql,
      octokit,
      app: createAppIdentitySource(() => probot.auth()),
      installationId: 1,
      period: "2026-08",
      dryRun: false,
      log,
    });
    expect(results).toEqual([]);
  });

  it("a dry run plans the issue and writes nothing", async () => {
    mockInstallation();
    nock(API).get("/repos/acme/.github/issues").query(true).reply(200, []);
    const [result] = await publish(true);
    expect(result?.write?.route).toBe("POST /repos/{owner}/{repo}/issues");
    const [row] = await store.sql`select issue_number from report_issues`;
    expect(row?.issue_number ?? null).toBeNull();
  });

  it("the hourly schedule publishes last month once, however many replicas tick", async () => {
    await store.sql`insert into installations (installation_id) values (1) on conflict do nothing`;
    const probot = createTestProbot(store.sql);
    const replicas = ["a", "b", "c"].map((claimant) =>
      createMonthlySchedule({
        sql: store.sql,
        auth: (id) => probot.auth(id),
        app: createAppIdentitySource(() => probot.auth()),
        log,
        claimant,
      }),
    );
    // Every replica reads the org's config to learn the report day; one publishes.
    for (let replica = 0; replica < 3; replica += 1) mockInstallation();
    nock(API)
      .get("/repos/acme/.github/issues")
      .query(true)
      .reply(200, [])
      .post("/repos/acme/.github/issues")
      .reply(201, { number: 5 });
    const now = new Date("2026-11-01T03:00:00Z");
    const published = await Promise.all(replicas.map((replica) => replica.tick(now)));
    expect(published.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await replicas[0]?.tick(new Date("2026-11-01T04:00:00Z"))).toBe(0);
  });

  it("a claim left by a crashed run can be taken over after it times out, not before", async () => {
    expect(await claimReport(store.sql, { installationId: 1, period: "2026-10", claimant: "crashed" })).toBe(
      true,
    );
    expect(await claimReport(store.sql, { installationId: 1, period: "2026-10", claimant: "other" })).toBe(
      false,
    );
    await store.sql`update report_claims set claimed_at = now() - interval '31 minutes'`;
    expect(await claimReport(store.sql, { installationId: 1, period: "2026-10", claimant: "other" })).toBe(
      true,
    );
  });
});
