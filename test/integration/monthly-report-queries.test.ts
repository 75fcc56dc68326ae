import { beforeEach, describe, expect, it } from "vitest";
import { buildReportInput } from "../../src/publish/build-report-input.js";
import type { Destination } from "../../src/publish/report-destinations.js";
import { type CarrierActivity, newestFirst } from "../../src/report/month-summary.js";
import { carriers } from "../../src/report/monthly-balance.js";
import {
  type MonthlyReportInput,
  monthTotals,
  renderMonthlyReport,
} from "../../src/report/monthly-report.js";
import { monthWindow } from "../../src/report/periods.js";
import { summarize } from "../../src/report/summarize.js";
import { queryCarrierActivity } from "../../src/store/carrier-activity.js";
import type { Sql } from "../../src/store/db.js";
import { queryGlueTrend } from "../../src/store/glue-trend.js";
import { type PersonCounts, queryMonthCounts } from "../../src/store/month-counts.js";
import type { MonthScope } from "../../src/store/month-scope.js";
import { queryNewestCredits } from "../../src/store/newest-credits.js";
import { queryCreditRepos, queryCredits, queryCreditTotals } from "../../src/store/query-credits.js";
import type { CreditRow } from "../../src/vocabulary/ledger.js";
import { categoryOf, isGlue, type RuleId } from "../../src/vocabulary/rules.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { summarizeMonth } from "../helpers/month-summary.js";
import { storeKinds } from "../helpers/stores.js";

type Seed = {
  login: string;
  rule: RuleId;
  repo: string;
  private?: boolean;
  at: string;
  number?: number;
  association?: string;
};

/** A repository's id, the same for every seed that names it. */
const repoIdOf = (repo: string): number =>
  [...repo].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) % 1_000_000_007, 7);

/** The repositories GitHub says are public now (every seed of them is stored as public). */
const PUBLIC_NOW = ["acme/web", "acme/api", "acme/lonely", ...[0, 1, 2, 3].map((n) => `acme/repo-${n}`)].map(
  repoIdOf,
);

const rowOf = (seed: Seed, n: number, installationId = 1) => ({
  installation_id: installationId,
  source_key: `seed:${n}`,
  repo_id: repoIdOf(seed.repo),
  repo: seed.repo,
  repo_private: seed.private ?? false,
  actor_login: seed.login,
  actor_id: null,
  category: categoryOf(seed.rule),
  rule: seed.rule,
  weight: 1,
  subject_type: "pull_request",
  subject_key: `${seed.repo}#${seed.number ?? n}`,
  url: `https://github.com/${seed.repo}/pull/${seed.number ?? n}`,
  occurred_at: seed.at,
  actor_association: seed.association ?? null,
});

/** Stores credits as they would be ingested, in bulk. */
const insertCredits = async (sql: Sql, seeds: readonly Seed[], installationId = 1) => {
  const rows = seeds.map((seed, n) => rowOf(seed, n, installationId));
  for (let start = 0; start < rows.length; start += 1_000) {
    await sql`insert into credits ${sql(rows.slice(start, start + 1_000))}`;
  }
};

const OCTOBER = monthWindow("2026-10");
const scopeOf = (destination: Pick<Destination, "private" | "onlyRepoId">): MonthScope => ({
  installationId: 1,
  ...OCTOBER,
  shownRepoIds: destination.private ? null : PUBLIC_NOW,
  repoId: destination.onlyRepoId,
});

/** What a destination may show of a month, from every credit: the reference the SQL must match. */
const shownRows = async (sql: Sql, scope: MonthScope): Promise<CreditRow[]> =>
  (await queryCredits(sql, { installationId: scope.installationId, since: scope.since, until: scope.until }))
    .filter((row) => scope.repoId === undefined || repoIdOf(row.repo) === scope.repoId)
    .filter((row) => scope.shownRepoIds === null || scope.shownRepoIds.includes(repoIdOf(row.repo)));

const reference = async (sql: Sql, scope: MonthScope) =>
  summarizeMonth(summarize(await shownRows(sql, scope), { installation: 1, ...OCTOBER }), {
    members: ["helper"],
  });

const byLogin = <T extends { login: string }>(people: readonly T[]) =>
  [...people].sort((a, b) => (a.login < b.login ? -1 : 1));

/** Counts without the categories at 0, as `summarize` gives them. */
const sparse = (people: readonly PersonCounts[]) =>
  people.map((person) => ({
    ...person,
    categories: Object.fromEntries(Object.entries(person.categories).filter(([, n]) => n > 0)),
  }));

/** A small month: a person under two spellings, an opted-out one, private work, other months. */
const smallMonth: Seed[] = [
  { login: "Mona", rule: "review.submitted", repo: "acme/web", at: "2026-10-02T10:00:00Z" },
  { login: "mona", rule: "triage.label", repo: "acme/web", at: "2026-10-03T10:00:00Z" },
  { login: "mona", rule: "code.pr", repo: "acme/api", at: "2026-10-04T10:00:00Z" },
  { login: "MONA", rule: "review.comment", repo: "acme/secret", private: true, at: "2026-10-05T10:00:00Z" },
  { login: "hubot", rule: "triage.label", repo: "acme/web", at: "2026-10-06T10:00:00Z" },
  { login: "hubot", rule: "triage.close", repo: "acme/web", at: "2026-10-06T10:00:00Z", number: 9 },
  { login: "hubot", rule: "triage.label", repo: "acme/web", at: "2026-10-06T10:00:00Z", number: 8 },
  { login: "hubot", rule: "triage.assign", repo: "acme/api", at: "2026-10-07T10:00:00Z" },
  { login: "spy", rule: "review.submitted", repo: "acme/secret", private: true, at: "2026-10-08T10:00:00Z" },
  { login: "gone", rule: "review.submitted", repo: "acme/web", at: "2026-10-09T10:00:00Z" },
  { login: "gone", rule: "review.submitted", repo: "acme/lonely", at: "2026-10-09T11:00:00Z" },
  { login: "octo", rule: "docs.pr", repo: "acme/web", at: "2026-09-30T23:59:59Z" },
  { login: "octo", rule: "code.pr", repo: "acme/api", at: "2026-09-12T10:00:00Z" },
  { login: "octo", rule: "docs.pr", repo: "acme/web", at: "2026-11-01T00:00:00Z" },
];

const destinations: Destination[] = [
  { repo: "acme/.github", private: true, scope: "acme" },
  { repo: "acme/.github", private: false, scope: "acme" },
  { repo: "acme/web", private: false, scope: "acme/web", onlyRepoId: repoIdOf("acme/web") },
];

describe.each(storeKinds())("monthly report queries on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  describe("a small month", () => {
    beforeEach(async () => {
      await insertCredits(store.sql, smallMonth);
      // Another installation's credits never count.
      await insertCredits(store.sql, smallMonth.slice(0, 3), 2);
      await store.sql`insert into opt_outs (installation_id, login) values (1, 'gone')`;
    });

    it("counts people and categories as summarising every credit does", async () => {
      for (const destination of destinations) {
        const scope = scopeOf(destination);
        const counts = await queryMonthCounts(store.sql, scope);
        const expected = await reference(store.sql, scope);
        expect(byLogin(sparse(counts.people))).toEqual(
          byLogin(expected.contributors.map(({ newest: _, ...person }) => person)),
        );
        expect(counts.repositories).toBe(expected.repositories);
      }
      const all = await queryMonthCounts(store.sql, scopeOf({ private: true }));
      expect(byLogin(sparse(all.people))).toEqual([
        // The spelling of the earliest credit; the private review counts for a private destination.
        { login: "Mona", glue: 3, code: 1, categories: { "code-review": 2, triage: 1, code: 1 } },
        { login: "hubot", glue: 4, code: 0, categories: { triage: 4 } },
        { login: "spy", glue: 1, code: 0, categories: { "code-review": 1 } },
      ]);
      expect(all).toMatchObject({ repositories: 3, hiddenRepositories: 0 });
      const shown = await queryMonthCounts(store.sql, scopeOf({ private: false }));
      expect(shown.people.map((person) => person.login).sort()).toEqual(["Mona", "hubot"]);
      // acme/lonely had only credits of someone who opted out.
      expect(shown).toMatchObject({ repositories: 2, hiddenRepositories: 1 });
    });

    it("totals a month for comparison, with private repositories left out for a public destination", async () => {
      for (const destination of destinations) {
        const scope = scopeOf(destination);
        expect(await queryCreditTotals(store.sql, scope)).toEqual(
          monthTotals(await reference(store.sql, scope)),
        );
      }
      expect(await queryCreditTotals(store.sql, scopeOf({ private: false }))).toEqual({
        glue: 6,
        code: 1,
        people: 2,
        repositories: 2,
      });
    });

    it("lists the month's repositories, leaving out those only someone who opted out worked in", async () => {
      expect(await queryCreditRepos(store.sql, { installationId: 1, ...OCTOBER })).toEqual(
        ["acme/api", "acme/secret", "acme/web"].map(repoIdOf).sort((a, b) => a - b),
      );
    });

    it("shows the repositories public now, whatever visibility was stored with their credits", async () => {
      // acme/web was made private since its credits were stored; acme/secret was made public.
      const flipped: MonthScope = {
        ...scopeOf({ private: false }),
        shownRepoIds: ["acme/api", "acme/secret"].map(repoIdOf),
      };
      const counts = await queryMonthCounts(store.sql, flipped);
      expect(byLogin(sparse(counts.people))).toEqual([
        { login: "hubot", glue: 1, code: 0, categories: { triage: 1 } },
        { login: "mona", glue: 1, code: 1, categories: { "code-review": 1, code: 1 } },
        { login: "spy", glue: 1, code: 0, categories: { "code-review": 1 } },
      ]);
      expect(counts).toMatchObject({ repositories: 2, hiddenRepositories: 1 });
      expect(await queryCreditTotals(store.sql, flipped)).toEqual({
        glue: 3,
        code: 1,
        people: 3,
        repositories: 2,
      });
      const newest = await queryNewestCredits(store.sql, flipped, new Map([["mona", 5]]));
      expect(newest.get("mona")?.map((item) => item.repo)).toEqual(["acme/secret"]);
    });

    it("reads each person's newest glue credits up to their quota, ties by url", async () => {
      const newest = await queryNewestCredits(
        store.sql,
        scopeOf({ private: false }),
        new Map([
          ["Mona", 5],
          ["hubot", 3],
        ]),
      );
      expect(newest.get("mona")?.map((item) => item.rule)).toEqual(["triage.label", "review.submitted"]);
      expect(newest.get("hubot")?.map((item) => [item.at.slice(0, 10), item.url.slice(-7)])).toEqual([
        ["2026-10-07", "/pull/7"],
        ["2026-10-06", "/pull/4"],
        ["2026-10-06", "/pull/8"],
      ]);
      const expected = await reference(store.sql, scopeOf({ private: false }));
      const hubot = expected.contributors.find((person) => person.login === "hubot");
      expect(newest.get("hubot")).toEqual(hubot?.newest.slice(0, 3));
      expect(
        (await queryNewestCredits(store.sql, scopeOf({ private: true }), new Map([["mona", 1]]))).get("mona"),
      ).toMatchObject([{ rule: "review.comment", repo: "acme/secret" }]);
    });
  });

  /**
   * A month too big for one issue: 260 people, a few carrying most of the work, six repositories
   * (two private), a person under two spellings, someone who opted out. The report built from
   * counts and bounded reads must be the one built from every credit, for every kind of destination.
   */
  describe("a month that has to be trimmed", () => {
    const seeds: Seed[] = [];
    let state = 42;
    const next = () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
    const rules: RuleId[] = ["review.submitted", "review.comment", "triage.label", "docs.pr", "code.pr"];
    for (let n = 0; n < 4_000; n += 1) {
      const person = Math.floor(260 * next() ** 3);
      const repo = Math.floor(6 * next() ** 2);
      const day = 1 + Math.floor(next() * 61);
      seeds.push({
        login: person === 3 && n % 2 === 0 ? "User-3" : person === 7 ? "gone" : `user-${person}`,
        rule: rules[Math.floor(next() * rules.length)] as RuleId,
        repo: `acme/repo-${repo}`,
        private: repo >= 4,
        // September and October, a few credits sharing a minute.
        at: new Date(Date.UTC(2026, 8, day, Math.floor(next() * 24), Math.floor(next() * 3))).toISOString(),
      });
    }
    // One person carries triage in one private repository.
    for (let n = 0; n < 800; n += 1) {
      seeds.push({
        login: "carrier",
        rule: "triage.label",
        repo: "acme/repo-5",
        private: true,
        at: "2026-10-20T10:00:00Z",
      });
    }
    seeds.push({
      login: "helper",
      rule: "code.pr",
      repo: "acme/repo-5",
      private: true,
      at: "2026-10-21T10:00:00Z",
      association: "MEMBER",
    });

    beforeEach(async () => {
      await insertCredits(store.sql, seeds);
      await store.sql`insert into opt_outs (installation_id, login) values (1, 'gone')`;
    });

    it("renders the same issue as summarising every credit would", async () => {
      for (const destination of [
        ...destinations,
        { repo: "acme/repo-5", private: true, scope: "acme/repo-5", onlyRepoId: repoIdOf("acme/repo-5") },
      ]) {
        const scope = scopeOf(destination);
        const built = await buildReportInput(store.sql, 1, "2026-10", destination, PUBLIC_NOW);
        const expected: MonthlyReportInput = { ...built, current: await reference(store.sql, scope) };
        const body = renderMonthlyReport(built);
        expect(body).toBe(renderMonthlyReport(expected));
        expect(body.length).toBeLessThanOrEqual(65_536);
        expect(built.previous).toEqual(
          monthTotals(
            summarizeMonth(
              summarize(await shownRows(store.sql, { ...scope, ...monthWindow("2026-09") }), {
                installation: 1,
                ...monthWindow("2026-09"),
              }),
            ),
          ),
        );
        // Only the evidence the issue can show is read.
        const read = built.current.contributors.reduce((sum, person) => sum + person.newest.length, 0);
        const glue = built.current.contributors.reduce((sum, person) => sum + person.glue, 0);
        if (destination.onlyRepoId === undefined) expect(read).toBeLessThan(glue);
      }
      const org = renderMonthlyReport(
        await buildReportInput(store.sql, 1, "2026-10", destinations[0] as Destination, PUBLIC_NOW),
      );
      expect(org).toContain("Evidence was trimmed");
      const note = org.split("\n").find((line) => line.startsWith("- **triage**:"));
      expect(note).toMatch(
        /^- \*\*triage\*\*: \d+% of its [\d,]+ credits came from one person \([\d,]+ people did some\), .*; a rotation could include .*\[helper\]\(https:\/\/github\.com\/helper\).*, team members also active in .*`acme\/repo-5`/,
      );
      expect(note).not.toContain("carrier");
    });

    it("finds where a carrier worked and who else was active there", async () => {
      const scope = scopeOf({ private: true });
      const expected = await reference(store.sql, scope);
      const carried = carriers(expected.contributors);
      expect(carried.map((entry) => entry.login)).toContain("carrier");
      const activity = await queryCarrierActivity(store.sql, scope, carried);
      // A person is their login in any case: the report names them as their counts do.
      const comparable = (entries: readonly CarrierActivity[]) =>
        entries.map((entry) => ({
          ...entry,
          repos: [...entry.repos].sort(),
          others: byLogin(entry.others.map((other) => ({ ...other, login: other.login.toLowerCase() }))),
        }));
      expect(comparable(activity)).toEqual(comparable(expected.carriers));
      expect(activity.find((entry) => entry.category === "triage")?.others).toContainEqual({
        login: "helper",
        credits: 1,
        member: true,
      });
    });

    it("counts six months of glue per category and how many people did half of it", async () => {
      const scope = { ...scopeOf({ private: false }), since: monthWindow("2026-05").since };
      const rows = (await shownRows(store.sql, scope)).filter(
        (row) => isGlue(row.category) && row.occurredAt >= scope.since,
      );
      const months = [...new Set(rows.map((row) => row.occurredAt.toISOString().slice(0, 7)))].sort();
      const expected = months.map((period) => {
        const mine = rows.filter((row) => row.occurredAt.toISOString().startsWith(period));
        const perPerson = new Map<string, number>();
        for (const row of mine)
          perPerson.set(row.actorLogin.toLowerCase(), (perPerson.get(row.actorLogin.toLowerCase()) ?? 0) + 1);
        const sorted = [...perPerson.values()].sort((a, b) => b - a);
        let done = 0;
        let half = 0;
        while (done * 2 < mine.length) done += sorted[half++] ?? 0;
        const categories: Record<string, { total: number; people: number; top: number }> = {};
        for (const category of new Set(mine.map((row) => row.category))) {
          const counts = new Map<string, number>();
          for (const row of mine.filter((each) => each.category === category))
            counts.set(row.actorLogin.toLowerCase(), (counts.get(row.actorLogin.toLowerCase()) ?? 0) + 1);
          const values = [...counts.values()];
          categories[category] = {
            total: values.reduce((sum, n) => sum + n, 0),
            people: values.length,
            top: Math.max(...values),
          };
        }
        return { period, categories, glue: mine.length, people: perPerson.size, half };
      });
      expect(months.length).toBeGreaterThan(1);
      expect(await queryGlueTrend(store.sql, scope)).toEqual(expected);
    });

    it("reads the newest credits in the order the report lists them", async () => {
      const scope = scopeOf({ private: false });
      const expected = await reference(store.sql, scope);
      const quota = new Map(expected.contributors.map((person) => [person.login, 7]));
      const newest = await queryNewestCredits(store.sql, scope, quota);
      for (const person of expected.contributors) {
        const items = newest.get(person.login.toLowerCase()) ?? [];
        expect(items).toEqual(person.newest.slice(0, 7));
        expect([...items].sort(newestFirst)).toEqual(items);
        expect(items.every((item) => isGlue(item.category))).toBe(true);
      }
    });
  });
});
