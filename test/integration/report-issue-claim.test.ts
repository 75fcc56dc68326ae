import nock from "nock";
import { describe, expect, it } from "vitest";
import { createAppIdentitySource } from "../../src/github/app-identity.js";
import { ensureReportIssue, type ReportIssue } from "../../src/publish/ensure-report-issue.js";
import { mockApp } from "../helpers/github-items.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { labelled, log } from "../helpers/monthly-report.js";
import { openApiProblems } from "../helpers/openapi.js";
import { API, createTestProbot } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";

const issue = (body: string): ReportIssue => ({
  installationId: 1,
  repo: "acme/.github",
  period: "2026-10",
  marker: "<!-- gluework:report:2026-10 -->",
  title: "Glue work report: October 2026 (acme)",
  body: `<!-- gluework:report:2026-10 -->\n${body}`,
});

describe.each(storeKinds())("writing a report issue on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  const ensure = async (report: ReportIssue) => {
    const probot = createTestProbot(store.sql);
    const options = { dryRun: false, log, app: createAppIdentitySource(() => probot.auth()) };
    return ensureReportIssue(await probot.auth(1), store.sql, report, options);
  };

  /** Locks the issue's row at once or fails: a transaction open across the GitHub call would hold it. */
  const rowIsFree = () =>
    store.sql.begin(async (tx) => {
      await tx`select set_config('lock_timeout', '2s', true)`;
      const rows = await tx`
        select issue_number from report_issues
        where installation_id = 1 and repo = 'acme/.github' and period = '2026-10'
        for update nowait
      `;
      return rows.length;
    });

  it("holds no transaction or lock while GitHub answers: the store serves the same row meanwhile", async () => {
    const seen: number[] = [];
    let opened: unknown;
    nock(API)
      .get("/repos/acme/.github/issues")
      .query({ labels: "gluework", state: "all", per_page: "100" })
      .reply(async () => {
        seen.push(await rowIsFree());
        return [200, []];
      })
      .post("/repos/acme/.github/issues", (body) => {
        opened = body;
        return true;
      })
      .reply(async () => {
        seen.push(await rowIsFree());
        return [201, { number: 7 }];
      });
    expect((await ensure(issue("first"))).outcome).toBe("created");
    expect(openApiProblems("POST /repos/{owner}/{repo}/issues", opened)).toEqual([]);
    expect(seen).toEqual([1, 1]);
    const [row] = await store.sql`
      select issue_number, claimed_by, claimed_until from report_issues where period = '2026-10'
    `;
    expect(row).toEqual({ issue_number: 7, claimed_by: null, claimed_until: null });
  });

  it("lets two publishers at once take turns: one issue is opened, the other finds it written", async () => {
    nock(API)
      .get("/repos/acme/.github/issues")
      .query(true)
      .reply(200, [])
      .post("/repos/acme/.github/issues")
      .delay(200)
      .reply(201, { number: 7 });
    const results = await Promise.all([ensure(issue("same")), ensure(issue("same"))]);
    expect(results.map((result) => result.outcome).sort()).toEqual(["created", "unchanged"]);
  });

  it("takes over a claim whose publisher died, and finds the issue it may have opened by its marker", async () => {
    await store.sql`
      insert into report_issues (installation_id, repo, period, claimed_by, claimed_until)
      values (1, 'acme/.github', '2026-10', 'gone:1:x', now() - interval '1 second')
    `;
    mockApp();
    let edited: unknown;
    nock(API)
      .get("/repos/acme/.github/issues")
      .query(true)
      .reply(200, [labelled(9, "<!-- gluework:report:2026-10 -->\nolder")])
      .patch("/repos/acme/.github/issues/9", (body) => {
        edited = body;
        return true;
      })
      .reply(200, { number: 9 });
    expect((await ensure(issue("newer"))).outcome).toBe("updated");
    expect(openApiProblems("PATCH /repos/{owner}/{repo}/issues/{issue_number}", edited)).toEqual([]);
    const [row] =
      await store.sql`select issue_number, claimed_by from report_issues where period = '2026-10'`;
    expect(row).toEqual({ issue_number: 9, claimed_by: null });
  });

  it("gives the claim up when GitHub fails, so the next try is not kept waiting", async () => {
    nock(API)
      .get("/repos/acme/.github/issues")
      .query(true)
      .reply(200, [])
      .post("/repos/acme/.github/issues")
      .reply(422, { message: "Validation Failed" });
    await expect(ensure(issue("refused"))).rejects.toMatchObject({ status: 422 });
    const [row] =
      await store.sql`select issue_number, claimed_by from report_issues where period = '2026-10'`;
    expect(row).toEqual({ issue_number: null, claimed_by: null });
  });
});
