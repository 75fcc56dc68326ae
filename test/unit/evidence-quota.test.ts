import { describe, expect, it } from "vitest";
import { evidenceQuota } from "../../src/report/evidence-quota.js";
import {
  evidenceBudget,
  type MonthlyReportInput,
  renderMonthlyReport,
} from "../../src/report/monthly-report.js";
import { summarize } from "../../src/report/summarize.js";
import type { CreditRow } from "../../src/vocabulary/ledger.js";
import { categoryOf, type RuleId } from "../../src/vocabulary/rules.js";
import { summarizeMonth } from "../helpers/month-summary.js";

const RULES: RuleId[] = ["review.submitted", "review.comment", "triage.label", "docs.pr", "code.pr"];
/** Rules and urls that make evidence lines nearly as short as `SHORTEST_ITEM_LINE`. */
const TERSE: RuleId[] = ["triage.lock", "triage.close"];

/**
 * A deterministic month of `credits` credits among `people` people, most of it on a few of them;
 * `terse` ones have evidence lines of about the shortest length there is.
 */
const month = (seed: number, people: number, credits: number, terse = false): MonthlyReportInput => {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const rows: CreditRow[] = Array.from({ length: credits }, (_, n) => {
    const person = Math.floor(people * next() ** 3);
    const rules = terse ? TERSE : RULES;
    const rule = rules[Math.floor(next() * rules.length)] as RuleId;
    const repo = `acme/repo-${Math.floor(next() * 6)}`;
    return {
      actorLogin: `user-${person}`,
      category: categoryOf(rule),
      rule,
      repo,
      repoPrivate: false,
      // Some credits share a second, so ties are ordered by url, rule and category.
      url: terse ? "" : `https://github.com/${repo}/pull/${Math.floor(next() * 900)}`,
      subjectKey: `${repo}#${n}`,
      weight: 1,
      occurredAt: new Date(Date.UTC(2026, 9, 1) + Math.floor(next() * 3_000) * 1_000 * 800),
    };
  }).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const window = {
    installation: 1,
    since: new Date("2026-10-01"),
    until: new Date("2026-10-31T23:59:59.999Z"),
  };
  return {
    period: "2026-10",
    scope: "acme",
    current: summarizeMonth(summarize(rows, window)),
    previous: { glue: 1, code: 1, people: 1, repositories: 1 },
    leftOut: null,
    highlights: { preventative: [], newcomers: [] },
  };
};

/** The input with each person's evidence cut to what `evidenceQuota` asks for. */
const cutToQuota = (input: MonthlyReportInput, limit: number) => {
  const quota = evidenceQuota(input.current.contributors, evidenceBudget(input, limit));
  const contributors = input.current.contributors.map((person) => ({
    ...person,
    newest: person.newest.slice(0, quota.get(person.login) ?? 0),
  }));
  return { ...input, current: { ...input.current, contributors } };
};

const items = (input: MonthlyReportInput) =>
  input.current.contributors.reduce((sum, person) => sum + person.newest.length, 0);

describe("evidenceQuota", () => {
  // From everything shown, through fewer lines each and fewer people, to the table trimmed.
  const cases = [
    { people: 6, credits: 40, limit: 65_536 },
    { people: 12, credits: 400, limit: 8_000 },
    { people: 40, credits: 2_000, limit: 20_000 },
    { people: 300, credits: 3_000, limit: 65_536 },
    { people: 300, credits: 3_000, limit: 12_000 },
    { people: 900, credits: 6_000, limit: 65_536 },
    { people: 4_000, credits: 12_000, limit: 65_536 },
  ];

  it.each(cases)(
    "fetches every credit the report shows: $people people, $credits credits, limit $limit",
    ({ people, credits, limit }) => {
      for (const seed of [1, 2, 3]) {
        for (const terse of [false, true]) {
          const input = month(seed, people, credits, terse);
          const cut = cutToQuota(input, limit);
          expect(renderMonthlyReport(cut, limit)).toBe(renderMonthlyReport(input, limit));
        }
      }
    },
  );

  it("asks for far fewer credits than a big month has, and for none once the table alone fills the issue", () => {
    const big = month(7, 300, 3_000);
    expect(items(cutToQuota(big, 12_000))).toBeLessThan(items(big) / 4);
    const crowded = month(7, 4_000, 12_000);
    expect(renderMonthlyReport(crowded)).toMatch(
      /[\d,]+ of [\d,]+ contributors are listed, those with the most credits/,
    );
    expect(items(cutToQuota(crowded, 65_536))).toBe(0);
    const small = month(7, 6, 40);
    expect(items(cutToQuota(small, 65_536))).toBe(items(small));
  });
});
