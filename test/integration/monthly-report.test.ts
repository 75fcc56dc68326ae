import nock from "nock";
import { pino } from "pino";
import { beforeEach, describe, expect, it } from "vitest";
import type { Credit } from "../../src/classify/credit.js";
import { defaultConfig } from "../../src/config/schema.js";
import { createAppIdentitySource } from "../../src/github/app-identity.js";
import { publishMonthlyReport } from "../../src/publish/publish-monthly-report.js";
import { createMonthlySchedule } from "../../src/schedule/monthly-schedule.js";
import { recordCredits } from "../../src/store/record-credits.js";
import { saveCachedConfig } from "../../src/store/repo-config-cache.js";
import { claimReport } from "../../src/store/report-claims.js";
import { botUserJson, issueJson, mockApp, userJson } from "../helpers/github-items.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { openApiAnswerProblems, openApiProblems } from "../helpers/openapi.js";
import { API, createTestProbot } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";

const log = pino({ level: "silent" });

/** Repository ids by name: credits and GitHub's repository list agree on them. */
const REPO_IDS: Record<string, number> = { web: 101, "secret-plans": 102, ".github": 103, inner: 104 };
const support = { answer: 0.5, firstResponse: 1 };

const credit = (
  login: string,
  key: string,
  repo: string,
  repoPrivate: boolean,
  at = "2026-10-10T10:00:00Z",
): Credit => ({
  installationId: 1,
  repoId: REPO_IDS[repo.split("/")[1] ?? ""] ?? 0,
  repo,
  repoPrivate,
  actorLogin: login,
  actorId: null,
  category: "code-review",
  rule: "review.submitted",
  weight: 1,
  subjectType: "pull_request",
  subjectKey: `${repo}#${key}`,
  url: `https://github.com/${repo}/pull/${key}#pullrequestreview-${key}`,
  occurredAt: at,
  sourceKey: `review:${repo}:${key}`,
});

const repository = (name: string, isPrivate: boolean, visibility = isPrivate ? "private" : "public") => ({
  id: REPO_IDS[name],
  name,
  full_name: `acme/${name}`,
  private: isPrivate,
  visibility,
  owner: { login: "acme", id: 1, type: "Organization" },
});

/** The installation's repositories and an org `.github` without a gluework.yml. */
const mockInstallation = (
  repos = [repository("web", false), repository("secret-plans", true), repository(".github", false)],
) =>
  nock(API)
    .get("/installation/repositories")
    .query(true)
    .reply(200, { total_count: repos.length, repositories: repos })
    .get(`/repos/acme/.github/contents/${encodeURIComponent(".github/gluework.yml")}`)
    .reply(404, { message: "Not Found" });

describe.each(storeKinds())("monthly report issue on %s store", (kind) => {
  const store = useIntegrationStore(kind);
  beforeEach(async () => {
    await recordCredits(
      store.sql,
      { installationId: 1, deliveryId: "seed", event: "seed" },
      [
        credit("mona", "1", "acme/web", false),
        credit("mona", "2", "acme/web", false),
        credit("hubot", "3", "acme/web", false),
        credit("spy-only-private", "4", "acme/secret-plans", true),
        credit("mona", "5", "acme/secret-plans", true),
      ],
      support,
    );
  });

  const publish = async (dryRun = false) => {
    const probot = createTestProbot(store.sql);
    const octokit = await probot.auth(1);
    return publishMonthlyReport({
      sql: store.sql,
      octokit,
      app: createAppIdentitySource(() => probot.auth()),
      installationId: 1,
      period: "2026-10",
      dryRun,
      log,
    });
  };

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
      support,
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

  const labelled = (number: number, body: string, user = botUserJson()) =>
    issueJson("acme/.github", { number, title: "Glue work report", body, user, labels: ["gluework"] });

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

  it("takes the report day from the organisation's config, never from a repository's", async () => {
    await store.sql`insert into installations (installation_id) values (1) on conflict do nothing`;
    // acme/web's own config (cached last) asks for the 1st; the organisation's says the 10th.
    await saveCachedConfig(store.sql, 1, REPO_IDS.web ?? 0, {
      config: { ...defaultConfig(), report: { day: 1 } },
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
