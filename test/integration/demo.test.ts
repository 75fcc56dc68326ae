import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemoMonth, type DemoApi, type DemoMonth } from "../../src/demo/dataset.js";
import { writePreview } from "../../src/demo/preview.js";
import { type DemoResult, runDemo } from "../../src/demo/run-demo.js";
import { startDemoGitHub } from "../../src/demo/start-demo-github.js";
import { normalize } from "../../src/events/normalize.js";
import type { GitHubDouble } from "../../src/github-double/start-github-double.js";
import type { Report } from "../../src/report/summarize.js";
import { CATEGORIES, RULE_IDS } from "../../src/vocabulary/rules.js";
import { examplesOf } from "../helpers/examples.js";
import { useTestStore } from "../helpers/integration.js";
import { openApiAnswerProblems, openApiQueryProblems } from "../helpers/openapi.js";
import { resetStore, storeKinds } from "../helpers/stores.js";
import { webhookProblems } from "../helpers/webhook-schema.js";

const categoryCount = (report: Report, category: string): number =>
  report.contributors.reduce(
    (sum, person) => sum + (person.categories[category as keyof typeof person.categories] ?? 0),
    0,
  );

const rulesFired = (report: Report): Set<string> =>
  new Set(report.contributors.flatMap((person) => person.items.map((item) => item.rule)));

/** Every account of `type: Bot` any demo payload mentions, at any depth. */
const botLogins = (month: DemoMonth): Set<string> => {
  const bots = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) for (const entry of value) visit(entry);
    else if (value && typeof value === "object") {
      const record = value as Record<string, unknown>;
      if (record.type === "Bot" && typeof record.login === "string") bots.add(record.login);
      for (const entry of Object.values(record)) visit(entry);
    }
  };
  for (const delivery of month.deliveries) visit(delivery.payload);
  return bots;
};

describe.each(storeKinds())("gluework demo on %s store", (kind) => {
  const store = useTestStore(kind);
  let first: DemoResult;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    first = await runDemo({ sql: store.sql });
  });
  afterAll(() => {
    nock.enableNetConnect();
  });

  it("credits every category and fires every rule", () => {
    for (const category of CATEGORIES) {
      expect(categoryCount(first.report, category), category).toBeGreaterThan(0);
    }
    expect([...rulesFired(first.report)].sort()).toEqual([...RULE_IDS].sort());
  });

  it("never credits a bot", () => {
    const bots = botLogins(first.month);
    expect([...bots].sort()).toEqual(["dependabot[bot]", "renovate[bot]"]);
    const logins = first.report.contributors.map((person) => person.login);
    expect(logins.filter((login) => login.toLowerCase().endsWith("[bot]") || bots.has(login))).toEqual([]);
  });

  it("asks the GitHub double only what it can answer", () => {
    expect(first.unexpected).toEqual([]);
    expect(first.requests).toBeGreaterThan(0);
  });

  it("gives the same report on every run, into the same store or a fresh one", async () => {
    const again = await runDemo({ sql: store.sql });
    await resetStore(store.sql);
    const fresh = await runDemo({ sql: store.sql });
    expect(again.report).toEqual(first.report);
    expect(fresh.report).toEqual(first.report);
    expect(first.report.contributors.length).toBeGreaterThan(5);
  });

  it("reads the organisation's teams as the server does; the monthly issue has a section per visible team, balanced within it", async () => {
    expect(await store.sql`select slug, privacy from teams order by slug`).toEqual([
      { slug: "console", privacy: "closed" },
      { slug: "docs-guild", privacy: "closed" },
      { slug: "leads", privacy: "secret" },
      { slug: "rover", privacy: "closed" },
    ]);
    const dir = await mkdtemp(join(tmpdir(), "gluework-demo-teams-"));
    try {
      await writePreview({ sql: store.sql, month: first.month, report: first.report, dir });
      const issue = await readFile(join(dir, "monthly-report.md"), "utf8");
      const sections = issue.split(/\n(?=## )/);
      const org = sections.find((part) => part.startsWith("## Balance")) ?? "";
      const rover = sections.find((part) => part.startsWith("## Team Rover (`rover`)")) ?? "";
      const docs = sections.find((part) => part.startsWith("## Team Docs guild (`docs-guild`)")) ?? "";
      expect(rover).toContain("### Balance within rover");
      // Balance within the team: other figures than the organisation's, and a rotation among
      // its own members only (the organisation's names people of the console team).
      const share = (text: string) =>
        text.match(/\*\*code-review\*\*: (\d+)% of its (\d+) credits/)?.slice(1);
      expect(share(rover)).not.toEqual(share(org));
      expect(org).toContain("[lin-zhao]");
      expect(rover.split("### Balance within rover")[1]).not.toMatch(/lin-zhao|jonas-berg|aiko-tanaka/);
      // Two members, below the demo's report.teams_min_size of 3: totals only.
      expect(docs).toContain("Totals only: the team had fewer than 3 members");
      expect(docs).not.toMatch(/lin-zhao|priya-nair/);
      expect(sections.some((part) => part.startsWith("## Team Console (`console`)"))).toBe(true);
      // The secret team is in no public output.
      for (const file of ["monthly-report.md", "portfolio.md"])
        expect(await readFile(join(dir, file), "utf8")).not.toMatch(/leads/i);
      expect(await readFile(join(dir, "portfolio.md"), "utf8")).toContain("for team Rover (`rover`)");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("the demo's GitHub double", () => {
  const installationId = 7;
  const api: DemoApi = {
    repositories: [{ id: 1, owner: "acme", name: "app", private: false }],
    pullFiles: {
      "acme/app#1": Array.from({ length: 5 }, (_, index) => ({
        filename: `src/file-${index}.ts`,
        additions: index,
        deletions: 0,
        status: "added" as const,
      })),
    },
    commitPulls: { "acme/app@abc1234": [{ number: 1, merged_at: "2026-10-02T00:00:00Z" }] },
  };
  /** The headers of a request made with an installation token, as the app makes them. */
  const asInstallation = (double: GitHubDouble, id: number) => ({
    headers: { authorization: `token ${double.issueToken(id)}` },
  });
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterAll(() => nock.enableNetConnect());

  it("pages PR files as GitHub does, and records every request", async () => {
    const double = await startDemoGitHub({ api, installationId });
    try {
      const auth = asInstallation(double, installationId);
      const response = await fetch(`${double.url}/repos/acme/app/pulls/1/files?per_page=2&page=2`, auth);
      const body = (await response.json()) as { filename: string }[];
      expect(body.map((file) => file.filename)).toEqual(["src/file-2.ts", "src/file-3.ts"]);
      expect(response.headers.get("link")).toContain('page=3>; rel="next"');
      const pulls = await fetch(`${double.url}/repos/acme/app/commits/abc1234/pulls`, auth);
      expect(await pulls.json()).toMatchObject([{ number: 1, merged_at: "2026-10-02T00:00:00Z" }]);
      expect(double.requests.map((request) => request.method)).toEqual(["GET", "GET"]);
      expect(double.unexpected).toEqual([]);
    } finally {
      await double.stop();
    }
  });

  it("lists the demo organisation's teams and members as GitHub's OpenAPI description has them", async () => {
    const month = buildDemoMonth();
    const double = await startDemoGitHub(month);
    try {
      const org = month.org;
      const auth = asInstallation(double, month.installationId);
      const teams = await (await fetch(`${double.url}/orgs/${org}/teams?per_page=100`, auth)).json();
      expect(openApiQueryProblems("GET /orgs/{org}/teams", new URLSearchParams({ per_page: "100" }))).toEqual(
        [],
      );
      expect(openApiAnswerProblems("GET /orgs/{org}/teams", 200, teams)).toEqual([]);
      expect((teams as { slug: string }[]).map((team) => team.slug)).toEqual([
        "rover",
        "console",
        "leads",
        "docs-guild",
      ]);
      const members = await (
        await fetch(`${double.url}/orgs/${org}/teams/rover/members?per_page=100`, auth)
      ).json();
      expect(openApiAnswerProblems("GET /orgs/{org}/teams/{team_slug}/members", 200, members)).toEqual([]);
      expect((members as unknown[]).length).toBe(4);
      const config = await fetch(`${double.url}/repos/${org}/.github/contents/.github%2Fgluework.yml`, auth);
      expect(await config.text()).toContain("teams: all");
      expect(double.unexpected).toEqual([]);
    } finally {
      await double.stop();
    }
  });

  it("answers 404 to a file that is not there, and records what the app should never ask as unexpected", async () => {
    const double = await startDemoGitHub({ api, installationId });
    try {
      const auth = asInstallation(double, installationId);
      const config = await fetch(`${double.url}/repos/acme/app/contents/.github%2Fgluework.yml`, auth);
      expect(config.status).toBe(404);
      const other = await fetch(`${double.url}/repos/acme/app/pulls/1/reviews`, {
        ...auth,
        method: "POST",
        body: "{}",
      });
      expect(other.status).toBe(404);
      const anonymous = await fetch(`${double.url}/repos/acme/app/pulls/1/files`);
      expect(anonymous.status).toBe(401);
      const foreign = await fetch(`${double.url}/repos/acme/app/pulls/1/files`, asInstallation(double, 8));
      expect(foreign.status).toBe(404);
      expect(double.unexpected.map(({ request, reason }) => [request.method, request.path, reason])).toEqual([
        ["POST", "/repos/acme/app/pulls/1/reviews", "no such route"],
        ["GET", "/repos/acme/app/pulls/1/files", "repository request without an installation token"],
        ["GET", "/repos/acme/app/pulls/1/files", "installation 8 reached into acme/app of installation 7"],
      ]);
    } finally {
      await double.stop();
    }
  });
});

type Json = Record<string, unknown>;

/** Keys GitHub sends only in some cases, which the examples happen to show. */
const CONDITIONAL_KEYS = new Set([
  // Only on the `opened` event of an issue that arrived by transfer.
  "issues.opened: changes",
  // Only when the milestoned item is a pull request.
  "issues.milestoned: issue.pull_request",
  // Only when a discussion was started for the release.
  "release.created: release.discussion_url",
  "release.published: release.discussion_url",
]);

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The keys of `examples` (objects of the same kind) that `actual` lacks, at any depth: keys any
 * example has when `mode` is "any", keys every example has when "all".
 */
const missingKeys = (actual: unknown, examples: unknown[], path: string, mode: "any" | "all"): string[] => {
  const objects = examples.filter(isObject);
  if (!isObject(actual) || objects.length === 0) return [];
  const keyLists = objects.map((object) => Object.keys(object));
  const keys =
    mode === "any"
      ? [...new Set(keyLists.flat())]
      : (keyLists[0] ?? []).filter((key) => keyLists.every((list) => list.includes(key)));
  return keys.flatMap((key) => {
    const where = path ? `${path}.${key}` : key;
    if (!(key in actual)) return [where];
    const values = objects.map((object) => object[key]).filter((value) => value !== null);
    const value = actual[key];
    if (!Array.isArray(value)) return missingKeys(value, values, where, mode);
    const items = values.filter(Array.isArray).flat();
    return value.flatMap((item) => missingKeys(item, items, `${where}[]`, mode));
  });
};

describe("the demo month", () => {
  const month = buildDemoMonth();

  it("is the same data on every build", () => {
    expect(buildDemoMonth()).toEqual(month);
  });

  it("is read by the app without a skipped delivery, and happens in October 2026", () => {
    const outside: string[] = [];
    for (const { name, payload } of month.deliveries) {
      const normalised = normalize(name, payload);
      expect(normalised, `${name}.${String(payload.action)}`).toMatchObject({ ok: true });
      const activities = normalised.ok ? normalised.activities : [];
      for (const activity of activities) {
        const at = Date.parse(activity.at);
        if (at < month.since.getTime() || at > month.until.getTime()) outside.push(`${name} ${activity.at}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it("has every key, at every depth, that GitHub's own examples of the same event and action have", () => {
    const missing = new Set<string>();
    for (const { name, payload } of month.deliveries) {
      const all = examplesOf(name);
      // Events GitHub publishes no example of are checked against its webhook schema instead (below).
      if (all.length === 0) continue;
      const same = all.filter((example) => example.action === payload.action);
      // Where GitHub documents no example of this action (issues.closed), every example of the event agrees on the keys.
      const [examples, mode] = same.length > 0 ? [same, "any" as const] : [all, "all" as const];
      expect(examples.length, name).toBeGreaterThan(0);
      for (const key of missingKeys(payload, examples, "", mode)) {
        const where = `${name}.${String(payload.action ?? "")}: ${key}`;
        if (!CONDITIONAL_KEYS.has(where)) missing.add(where);
      }
    }
    expect([...missing].sort()).toEqual([]);
  });

  it("sends the events GitHub has no example of (sub-issues, dependencies, issue types) as its webhook schema describes them", () => {
    const planning = month.deliveries.filter(
      ({ name, payload }) =>
        name === "sub_issues" ||
        name === "issue_dependencies" ||
        (name === "issues" && payload.action === "typed"),
    );
    expect(planning.map(({ name }) => name).sort()).toEqual(["issue_dependencies", "issues", "sub_issues"]);
    for (const { name, payload } of planning) {
      expect([name, webhookProblems(`${name}.${String(payload.action)}`, payload)]).toEqual([name, []]);
    }
  });
});
