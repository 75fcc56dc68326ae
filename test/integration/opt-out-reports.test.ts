import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import { createAppIdentitySource } from "../../src/github/app-identity.js";
import { publishMonthlyReport } from "../../src/publish/publish-monthly-report.js";
import { previousPeriod } from "../../src/report/periods.js";
import { recordCredits } from "../../src/store/record-credits.js";
import type { Credit } from "../../src/vocabulary/credit.js";
import { example, user } from "../helpers/examples.js";
import { botUserJson, issueJson } from "../helpers/github-items.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { log, mockInstallation, REPO_IDS, repository } from "../helpers/monthly-report.js";
import { openApiAnswerProblems, openApiProblems } from "../helpers/openapi.js";
import { defaultOrder } from "../helpers/order-rules.js";
import { API, createTestProbot, mockNoConfig, receive } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";
import { testWorker } from "../helpers/worker.js";

const MONA = 7001;
const HUBOT = 7002;
const THIS_MONTH = new Date().toISOString().slice(0, 7);
const LAST_MONTH = previousPeriod(THIS_MONTH);
const OLDER_MONTH = previousPeriod(LAST_MONTH);
/** The report issue the app opened in acme/.github for each month. */
const ISSUES: Record<string, number> = { [OLDER_MONTH]: 21, [LAST_MONTH]: 22, [THIS_MONTH]: 23 };

const review = (login: string, actorId: number, period: string, key: string): Credit => ({
  installationId: 1,
  repoId: REPO_IDS.web ?? 0,
  repo: "acme/web",
  repoPrivate: false,
  actorLogin: login,
  actorId,
  category: "code-review",
  rule: "review.submitted",
  weight: 1,
  subjectType: "pull_request",
  subjectKey: `acme/web#${key}`,
  url: `https://github.com/acme/web/pull/${key}#pullrequestreview-${key}`,
  occurredAt: `${period}-01T01:00:00Z`,
  sourceKey: `review:acme/web:${key}`,
});

const reportIssue = (number: number, body: string, repo = "acme/.github") =>
  issueJson(repo, { number, title: "Glue work report", body, user: botUserJson(), labels: ["gluework"] });

type RepositoryJson = ReturnType<typeof repository>;

/** GitHub's list of the installation's repositories, none of them `.github` (so no org config). */
const mockRepos = (repos: RepositoryJson[]) =>
  nock(API)
    .get("/installation/repositories")
    .query(true)
    .reply(200, { total_count: repos.length, repositories: repos });

describe.each(storeKinds())("opt-out and published report issues on %s store", (kind) => {
  const store = useIntegrationStore(kind);
  /** The body each report issue has on GitHub now, by number. */
  const onGitHub = new Map<number, string>();

  /** Publishes `period` as the schedule does; GitHub opens its issue in `destination`. */
  const publish = async (period: string, destination = "acme/.github", repos?: RepositoryJson[]) => {
    const probot = createTestProbot(store.sql);
    if (repos) mockRepos(repos);
    else mockInstallation();
    const number = ISSUES[period] ?? 0;
    nock(API)
      .get(`/repos/${destination}/issues`)
      .query(true)
      .reply(200, [])
      .post(`/repos/${destination}/issues`, (body) => {
        expect(openApiProblems("POST /repos/{owner}/{repo}/issues", body)).toEqual([]);
        onGitHub.set(number, body.body);
        return true;
      })
      .reply(201, () => reportIssue(number, onGitHub.get(number) ?? "", destination));
    const [result] = await publishMonthlyReport({
      sql: store.sql,
      octokit: await probot.auth(1),
      app: createAppIdentitySource(() => probot.auth()),
      installationId: 1,
      period,
      dryRun: false,
      log,
    });
    expect(result?.outcome).toBe("created");
  };

  /** Mona (and, unless `alone`, hubot) reviewed in acme/web in each of the three months. */
  const seed = (alone = false) =>
    recordCredits(
      store.sql,
      { installationId: 1, deliveryId: "seed", event: "seed" },
      [OLDER_MONTH, LAST_MONTH, THIS_MONTH].flatMap((period, index) => [
        review("mona", MONA, period, `${index}1`),
        ...(alone ? [] : [review("hubot", HUBOT, period, `${index}2`)]),
      ]),
      defaultOrder,
    );

  beforeEach(() => {
    onGitHub.clear();
  });

  const optOut = (commentId: number) => {
    const payload = example("issue_comment", "created");
    payload.comment = {
      ...payload.comment,
      id: commentId,
      body: "/gluework opt-out",
      user: user("mona", MONA),
    };
    payload.issue.user = user("someone-else", 5);
    payload.repository = {
      ...payload.repository,
      id: REPO_IDS.web,
      name: "web",
      full_name: "acme/web",
      private: false,
      owner: { ...payload.repository.owner, login: "acme", id: 1 },
    };
    return payload;
  };

  it("edits this month's and last month's report issues in place without the person, leaves older ones, and says so", async () => {
    await seed();
    for (const period of [OLDER_MONTH, LAST_MONTH, THIS_MONTH]) await publish(period);
    for (const period of [OLDER_MONTH, LAST_MONTH, THIS_MONTH]) {
      expect(onGitHub.get(ISSUES[period] ?? 0)).toContain("[mona](");
    }
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    const payload = optOut(950);
    await receive(probot, "issue_comment", payload);
    const queued = await store.sql<{ job_key: string; kind: string }[]>`
      select job_key, kind from outbox where kind in ('report-issue', 'reply') order by job_key
    `;
    expect(queued.map((job) => job.job_key)).toEqual([
      `reply:${REPO_IDS.web}#${payload.issue.number}:${MONA}`,
      `report-issue:acme/.github:${LAST_MONTH}`,
      `report-issue:acme/.github:${THIS_MONTH}`,
    ]);
    // The check runs and credit comments redone by an opt-out are tested in test/e2e/isolation.test.ts.
    await store.sql`delete from outbox where kind not in ('report-issue', 'reply')`;

    // Each refresh reads the installation's repositories and config, then edits its known issue.
    mockInstallation();
    mockInstallation();
    const edited: number[] = [];
    for (const period of [LAST_MONTH, THIS_MONTH]) {
      const number = ISSUES[period] ?? 0;
      nock(API)
        .patch(`/repos/acme/.github/issues/${number}`, (body) => {
          expect(openApiProblems("PATCH /repos/{owner}/{repo}/issues/{issue_number}", body)).toEqual([]);
          onGitHub.set(number, body.body);
          edited.push(number);
          return true;
        })
        .reply(200, () => {
          const answer = reportIssue(number, onGitHub.get(number) ?? "");
          expect(
            openApiAnswerProblems("PATCH /repos/{owner}/{repo}/issues/{issue_number}", 200, answer),
          ).toEqual([]);
          return answer;
        });
    }
    mockNoConfig("acme", "web");
    let reply = "";
    nock(API)
      .post(`/repos/acme/web/issues/${payload.issue.number}/comments`, (body) => {
        expect(openApiProblems("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", body)).toEqual(
          [],
        );
        reply = body.body;
        return true;
      })
      .reply(201, { id: 1 });
    expect(await worker.drain()).toBe(3);

    // Edited, not opened again: no new issue was created (nock would fail on the POST).
    expect(edited.sort()).toEqual([ISSUES[LAST_MONTH], ISSUES[THIS_MONTH]]);
    for (const period of [LAST_MONTH, THIS_MONTH]) {
      const body = onGitHub.get(ISSUES[period] ?? 0) ?? "";
      expect(body).not.toContain("mona");
      expect(body).toContain("[hubot](");
    }
    expect(onGitHub.get(ISSUES[OLDER_MONTH] ?? 0)).toContain("[mona](");
    const [stored] = await store.sql<{ n: number }[]>`
      select count(*)::int as n from report_issues where body like '%mona%'
    `;
    expect(stored?.n).toBe(1);

    expect(reply).toContain("@mona, you are opted out");
    expect(reply).toContain(`acme/.github#${ISSUES[LAST_MONTH]}, acme/.github#${ISSUES[THIS_MONTH]}`);
    expect(reply).toContain(
      "1 report issue of earlier months stays as it was published and may still name you",
    );
  });

  it("when nothing of the two months is published, the reply says so and no report is touched", async () => {
    await seed();
    for (const period of [OLDER_MONTH, LAST_MONTH, THIS_MONTH]) await publish(period);
    await store.sql`update report_issues set issue_number = null where period <> ${OLDER_MONTH}`;
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    const payload = optOut(951);
    await receive(probot, "issue_comment", payload);
    expect(await store.sql`select job_key from outbox where kind = 'report-issue'`).toEqual([]);
    await store.sql`delete from outbox where kind <> 'reply'`;
    mockNoConfig("acme", "web");
    let reply = "";
    nock(API)
      .post(`/repos/acme/web/issues/${payload.issue.number}/comments`, (body) => {
        reply = body.body;
        return true;
      })
      .reply(201, { id: 1 });
    expect(await worker.drain()).toBe(1);
    expect(reply).toContain("No monthly report issue of");
    expect(reply).toContain("1 report issue of earlier months stays as it was published");
  });

  it("edits a repository's own report issue even when the person was all it showed", async () => {
    await seed(true);
    // No .github repository: each active repository gets its own report.
    const repos = [repository("web", false), repository("secret-plans", true)];
    await publish(THIS_MONTH, "acme/web", repos);
    const number = ISSUES[THIS_MONTH] ?? 0;
    expect(onGitHub.get(number)).toContain("[mona](");
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    await receive(probot, "issue_comment", optOut(952));
    await store.sql`delete from outbox where kind <> 'report-issue'`;
    mockRepos(repos);
    nock(API)
      .patch(`/repos/acme/web/issues/${number}`, (body) => {
        expect(openApiProblems("PATCH /repos/{owner}/{repo}/issues/{issue_number}", body)).toEqual([]);
        onGitHub.set(number, body.body);
        return true;
      })
      .reply(200, () => reportIssue(number, onGitHub.get(number) ?? "", "acme/web"));
    expect(await worker.drain()).toBe(1);
    expect(onGitHub.get(number)).not.toContain("mona");
    expect(onGitHub.get(number)).toContain("No glue work recorded in **acme/web**");
  });
});
