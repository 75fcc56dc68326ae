import { describe, expect, it } from "vitest";
import { renderMonthlyReport } from "../../src/report/monthly-report.js";
import type { MonthTrend } from "../../src/vocabulary/ledger.js";
import { mermaidErrors } from "../helpers/mermaid.js";
import { credit, many, monthInput, october, person } from "../helpers/report-fixtures.js";

const balanceOf = (body: string) =>
  body.slice(body.indexOf("## Balance"), body.indexOf("\n## ", body.indexOf("## Balance") + 3));

/** Triage in acme/web: alice did 9 of 12; bob 1 and erin 2; gina (code only) and others were active there. */
const triageMonth = () => [
  person("alice", many(9, "triage.label", "acme/web")),
  person("bob", [credit("triage.label", "acme/web", 9, 40), ...many(3, "code.pr", "acme/web", 41)]),
  person("erin", many(2, "triage.label", "acme/web", 50)),
  person("gina", many(4, "code.pr", "acme/web", 60)),
  person("dana", [credit("code.pr", "acme/web", 12, 70)]),
  person("frank", many(5, "code.pr", "acme/web", 80)),
];
const MEMBERS = ["alice", "bob", "erin", "gina", "dana"];

describe("balance notes", () => {
  it("describe a concentrated category without naming who did it, and suggest only team members for a rotation", () => {
    const body = renderMonthlyReport(
      monthInput({
        current: october(triageMonth(), { members: MEMBERS }),
        highlights: {
          preventative: [],
          newcomers: [
            { login: "dana", url: "https://github.com/acme/web/pull/70", pr: "acme/web#70", helpers: [] },
          ],
        },
      }),
    );
    const balance = balanceOf(body);
    expect(balance).toContain(
      "- **triage**: 75% of its 12 credits came from one person (3 people did some), no earlier months to compare with; a rotation could include [bob](https://github.com/bob) and [gina](https://github.com/gina), team members also active in `acme/web`.",
    );
    // erin already does triage; dana is a newcomer; frank is not a team member; alice is never named.
    for (const login of ["erin", "dana", "frank", "alice"]) expect(balance).not.toContain(login);
    expect(balance).not.toMatch(/@|did little|and no glue|were glue/);
  });

  it("stay silent about a category below report.balance.min_credits", () => {
    const body = renderMonthlyReport(
      monthInput({ current: october(triageMonth(), { members: MEMBERS, minCredits: 13 }), minCredits: 13 }),
    );
    const balance = balanceOf(body);
    expect(balance).toContain("at least 13 credits (`report.balance.min_credits`)");
    expect(balance).toContain(
      "- **triage** has fewer than 13 credits this month, too few to say how it is shared.",
    );
    expect(balance).not.toContain("rotation");
  });

  it("say once that glue is shared well when no category rests on one person", () => {
    const body = renderMonthlyReport(
      monthInput({
        current: october([
          person("alice", [
            ...many(5, "review.submitted", "acme/web"),
            ...many(5, "triage.label", "acme/web", 100),
          ]),
          person("bob", [
            ...many(5, "review.submitted", "acme/web", 200),
            ...many(5, "triage.label", "acme/web", 300),
          ]),
        ]),
      }),
    );
    const notes = balanceOf(body)
      .split("\n")
      .filter((line) => line.startsWith("- "));
    expect(notes).toEqual([
      "- Glue is shared well this month: no kind of it came mostly from one person — **code-review** (10 credits from 2 people, at most 50% from one) and **triage** (10 credits from 2 people, at most 50% from one).",
    ]);
  });

  it("say how the busiest share moved over the previous three months", () => {
    const earlier = (period: string, total: number, top: number): MonthTrend => ({
      period,
      categories: { triage: { total, people: 3, top } },
      glue: total,
      people: 3,
      half: 1,
    });
    const body = renderMonthlyReport(
      monthInput({
        current: october(triageMonth(), { members: MEMBERS }),
        // Only the three months before October count: May's 100% is left out.
        trend: [
          earlier("2026-05", 10, 10),
          earlier("2026-07", 10, 5),
          earlier("2026-08", 10, 5),
          earlier("2026-09", 10, 5),
        ],
      }),
    );
    expect(balanceOf(body)).toContain("(3 people did some), up from 50% over the previous three months;");
  });
});

describe("six-month trend", () => {
  const trend: MonthTrend[] = [
    {
      period: "2026-06",
      categories: { "code-review": { total: 8, people: 2, top: 6 } },
      glue: 8,
      people: 2,
      half: 1,
    },
    {
      period: "2026-09",
      categories: {
        "code-review": { total: 10, people: 3, top: 4 },
        triage: { total: 4, people: 1, top: 4 },
      },
      glue: 14,
      people: 3,
      half: 2,
    },
    {
      period: "2026-10",
      categories: { triage: { total: 12, people: 3, top: 9 } },
      glue: 12,
      people: 3,
      half: 1,
    },
  ];

  it("charts glue per month and how many people did half of it, and tables glue by category and month", async () => {
    const body = renderMonthlyReport(
      monthInput({ current: october(triageMonth(), { members: MEMBERS }), trend }),
    );
    // May had no glue on record: the trend starts in June; July and August are real zeros.
    expect(body).toContain("### The last 5 months (Jun 2026 to Oct 2026)");
    expect(body).toContain(
      '```mermaid\nxychart-beta\n    title "Glue credits per month"\n    x-axis ["Jun 2026", "Jul 2026", "Aug 2026", "Sep 2026", "Oct 2026"]\n    y-axis "Glue credits" 0 --> 16\n    line [8, 0, 0, 14, 12]\n```',
    );
    expect(body).toContain('    title "People who together did half of the glue"');
    expect(body).toContain("    line [1, 0, 0, 2, 1]");
    expect(body).toContain(
      "| Category | Jun | Jul | Aug | Sep | Oct |\n| :-- | --: | --: | --: | --: | --: |\n| code-review | 8 | 0 | 0 | 10 | 0 |\n| triage | 0 | 0 | 0 | 4 | 12 |",
    );
    expect(await mermaidErrors(body)).toEqual([]);
  });

  it("draws no trend from a single month of glue: earlier months have no record, not zero glue", () => {
    const only = trend.filter((month) => month.period === "2026-10");
    expect(only).toHaveLength(1);
    const body = renderMonthlyReport(monthInput({ current: october(triageMonth()), trend: only }));
    expect(body).not.toContain("### The last");
    expect(body).not.toContain("Glue credits per month");
    expect(body).toContain("## How glue is spread");
  });

  it("passes Mermaid's own parser for every chart, with hostile category-free labels too", async () => {
    const body = renderMonthlyReport(
      monthInput({ current: october(triageMonth()), trend, scope: 'a"b:c%d' }),
    );
    expect(body.match(/```mermaid/g)).toHaveLength(3);
    expect(await mermaidErrors(body)).toEqual([]);
    // Mermaid's parser rejects what GitHub would show as an error: the check is not vacuous.
    expect(await mermaidErrors("```mermaid\nxychart-beta\n    x-axis [a b\n```")).toHaveLength(1);
  });
});
