import { describe, expect, it } from "vitest";
import { mermaidLabel } from "../../src/report/mermaid.js";
import type { MonthSummary } from "../../src/report/month-summary.js";
import { trend } from "../../src/report/monthly-format.js";
import {
  type MonthlyReportInput,
  renderMonthlyReport,
  reportMarker,
  reportTitle,
} from "../../src/report/monthly-report.js";
import type { ContributorSummary, ReportItem } from "../../src/report/summarize.js";
import { categoryOf, isGlue, type RuleId } from "../../src/vocabulary/rules.js";
import { summarizeMonth } from "../helpers/month-summary.js";

/** One credit on `repo`'s PR or issue `number`, on `day` of October 2026. */
const credit = (rule: RuleId, repo: string, day: number, number = day): ReportItem => ({
  category: categoryOf(rule),
  rule,
  repo,
  url: `https://github.com/${repo}/pull/${number}`,
  at: `2026-10-${String(day).padStart(2, "0")}T10:00:00.000Z`,
});

const person = (login: string, items: ReportItem[]): ContributorSummary => {
  const categories: ContributorSummary["categories"] = {};
  for (const item of items) categories[item.category] = (categories[item.category] ?? 0) + 1;
  const glue = items.filter((item) => isGlue(item.category)).length;
  return { login, glue, code: items.length - glue, categories, items };
};

/** The month the renderer is given, summarised from every credit as the database would. */
const report = (...contributors: ContributorSummary[]): MonthSummary =>
  summarizeMonth({
    installation: 1,
    since: "2026-10-01T00:00:00.000Z",
    until: "2026-11-01T00:00:00.000Z",
    contributors,
  });

/** `count` credits of one rule, on days 1, 2, … */
const many = (count: number, rule: RuleId, repo: string, firstNumber = 1): ReportItem[] =>
  Array.from({ length: count }, (_, i) => credit(rule, repo, (i % 28) + 1, firstNumber + i));

const input = (overrides: Partial<MonthlyReportInput> = {}): MonthlyReportInput => ({
  period: "2026-10",
  scope: "acme",
  current: report(),
  previous: report(),
  leftOut: null,
  highlights: { preventative: [], newcomers: [] },
  ...overrides,
});

const smallMonth = () =>
  input({
    current: report(
      person("bob", [
        credit("review.submitted", "acme/web", 3, 10),
        credit("docs.pr", "acme/web", 5, 11),
        credit("code.pr", "acme/api", 6, 12),
      ]),
      person("alice", [
        credit("review.submitted", "acme/web", 2, 7),
        credit("review.comment", "acme/web", 4, 8),
        credit("review.submitted", "acme/web", 9, 9),
        credit("triage.label", "acme/api", 12, 30),
        credit("code.pr", "acme/web", 20, 14),
      ]),
    ),
    previous: report(person("alice", [credit("review.submitted", "acme/web", 1)])),
    leftOut: { repositories: 2 },
    highlights: {
      preventative: [{ reviewer: "alice", url: "https://github.com/acme/web/pull/7", pr: "acme/web#7" }],
      newcomers: [
        {
          login: "dana",
          url: "https://github.com/acme/web/pull/15",
          pr: "acme/web#15",
          helpers: ["bob", "alice"],
        },
      ],
    },
  });

describe("reportMarker and reportTitle", () => {
  it("name the month and scope", () => {
    expect(reportMarker("2026-10")).toBe("<!-- gluework:report:2026-10 -->");
    expect(reportTitle({ period: "2026-10", scope: "acme-robotics" })).toBe(
      "Glue work report: October 2026 (acme-robotics)",
    );
  });
});

describe("renderMonthlyReport", () => {
  it("compares with nothing when last month has no credit on record, instead of a column of zeros", () => {
    const body = renderMonthlyReport({
      ...smallMonth(),
      previous: { glue: 0, code: 0, people: 0, repositories: 0 },
    });
    expect(body).toContain(
      "Glue work credited in **acme** in October 2026. Nothing was recorded for September 2026, so there is nothing to compare with.",
    );
    expect(body).toContain(
      [
        "|  | October 2026 |",
        "| :-- | --: |",
        "| Glue credits | 6 |",
        "| People | 2 |",
        "| Repositories | 2 |",
        "| Code credits | 2 |",
      ].join("\n"),
    );
    expect(body).not.toContain("September 2026 |");
    expect(body).not.toMatch(/\| new \|/);
  });

  it("compares with last month when it has only code on record", () => {
    const body = renderMonthlyReport({
      ...smallMonth(),
      previous: { glue: 0, code: 3, people: 1, repositories: 1 },
    });
    expect(body).toContain("in October 2026, compared with September 2026.");
    expect(body).toContain("| Glue credits | 6 | 0 | new |");
  });

  it("renders a small month", () => {
    expect(renderMonthlyReport(smallMonth())).toMatchInlineSnapshot(`
      "<!-- gluework:report:2026-10 -->
      Glue work credited in **acme** in October 2026, compared with September 2026.

      |  | October 2026 | September 2026 | Trend |
      | :-- | --: | --: | :-- |
      | Glue credits | 6 | 1 | ▲ 5 (+500%) |
      | People | 2 | 1 | ▲ 1 (+100%) |
      | Repositories | 2 | 1 | ▲ 1 (+100%) |
      | Code credits | 2 | 0 | new |

      ## Who did what

      People are listed by name; "Most glue in" names each person's biggest kinds of glue.

      | Contributor | Glue | Code | Most glue in |
      | :-- | --: | --: | :-- |
      | [alice](https://github.com/alice) | 4 | 1 | code-review 3, triage 1 |
      | [bob](https://github.com/bob) | 2 | 1 | code-review 1, documentation 1 |
      | **Total** | **6** | **2** | |

      ## How glue is spread

      \`\`\`mermaid
      xychart-beta horizontal
          title "Glue credits by category, October 2026"
          x-axis ["code-review", "documentation", "triage"]
          y-axis "Credits" 0 --> 5
          bar [4, 1, 1]
      \`\`\`

      ## Balance

      How concentrated each kind of glue is, for kinds with at least 10 credits (\`report.balance.min_credits\`).

      - **code-review**, **documentation** and **triage** have fewer than 10 credits this month, too few to say how they are shared.

      ## Highlights

      ### Caught in review

      - [alice](https://github.com/alice) requested changes on [acme/web#7](https://github.com/acme/web/pull/7), and they were made before it merged.

      ### First contributions

      - [dana](https://github.com/dana)'s first pull request, [acme/web#15](https://github.com/acme/web/pull/15), was merged. Helped by [alice](https://github.com/alice) and [bob](https://github.com/bob).

      > [!NOTE]
      > 2 private repositories were left out of this report because this issue is in a public repository. To include them, set \`report.repository\` in \`.github/gluework.yml\` to a private repository.

      ## Evidence

      <details><summary><a href="https://github.com/alice">alice</a> — 4 glue credits</summary>

      - 2026-10-12 · triage · labelled [acme/api#30](https://github.com/acme/api/pull/30)
      - 2026-10-09 · code-review · reviewed [acme/web#9](https://github.com/acme/web/pull/9)
      - 2026-10-04 · code-review · commented in the review of [acme/web#8](https://github.com/acme/web/pull/8)
      - 2026-10-02 · code-review · reviewed [acme/web#7](https://github.com/acme/web/pull/7)

      </details>
      <details><summary><a href="https://github.com/bob">bob</a> — 2 glue credits</summary>

      - 2026-10-05 · documentation · wrote docs in [acme/web#11](https://github.com/acme/web/pull/11)
      - 2026-10-03 · code-review · reviewed [acme/web#10](https://github.com/acme/web/pull/10)

      </details>

      ---

      **What is glue work?** The reviews, docs, onboarding, triage, unblocking, process, planning, support and release work that holds a team together and rarely shows up in a promotion case. Gluework credits it from repository activity by rules: \`gluework report\` prints the rule behind every credit (such as \`review.submitted\`), and [How it classifies](https://github.com/gluework/gluework#how-it-classifies) in the README explains each one. Numbers count credits, not weights. Comment \`/gluework portfolio\` for your own credits, or \`/gluework opt-out\` to be left out of every report.
      "
    `);
  });

  it("is deterministic whatever order the contributors and highlights come in", () => {
    const month = smallMonth();
    const shuffled = {
      ...month,
      current: { ...month.current, contributors: [...month.current.contributors].reverse() },
    };
    expect(renderMonthlyReport(shuffled)).toBe(renderMonthlyReport(month));
  });

  it("shows trends against last month: up, down, unchanged and new", () => {
    expect(trend(72, 60)).toBe("▲ 12 (+20%)");
    expect(trend(45, 50)).toBe("▼ 5 (-10%)");
    expect(trend(3, 3)).toBe("=");
    expect(trend(4, 0)).toBe("new");
    expect(trend(0, 2)).toBe("▼ 2 (-100%)");
    const body = renderMonthlyReport(
      input({
        current: report(person("alice", many(12, "review.submitted", "acme/web"))),
        previous: report(
          person("alice", many(8, "review.submitted", "acme/web")),
          person("bob", [...many(2, "triage.label", "acme/api"), ...many(3, "code.pr", "acme/api")]),
        ),
      }),
    );
    expect(body).toContain("| Glue credits | 12 | 10 | ▲ 2 (+20%) |");
    expect(body).toContain("| People | 1 | 2 | ▼ 1 (-50%) |");
    expect(body).toContain("| Repositories | 1 | 2 | ▼ 1 (-50%) |");
    expect(body).toContain("| Code credits | 0 | 3 | ▼ 3 (-100%) |");
  });

  it("keeps each person's glue/code mix out of the public report", () => {
    const body = renderMonthlyReport(
      input({
        current: report(
          person("gail", [...many(9, "review.submitted", "acme/web"), credit("code.pr", "acme/web", 20, 99)]),
          person("hank", many(5, "code.pr", "acme/web", 100)),
        ),
      }),
    );
    expect(body).not.toMatch(/were glue|no glue\.|did little|time for their own code/);
    expect(body).not.toContain("@gail");
    expect(body).not.toContain("@hank");
  });

  it("says how many private repositories were left out and how to include them", () => {
    const body = renderMonthlyReport({ ...smallMonth(), leftOut: { repositories: 3 } });
    expect(body).toContain(
      "> [!NOTE]\n> 3 private repositories were left out of this report because this issue is in a public repository. To include them, set `report.repository` in `.github/gluework.yml` to a private repository.",
    );
    expect(renderMonthlyReport({ ...smallMonth(), leftOut: { repositories: 1 } })).toContain(
      "> 1 private repository was left out of this report because this issue is in a public repository. To include it,",
    );
    expect(renderMonthlyReport({ ...smallMonth(), leftOut: null })).not.toContain("private repositor");
    expect(renderMonthlyReport({ ...smallMonth(), leftOut: { repositories: 0 } })).not.toContain(
      "private repositor",
    );
  });

  it("leaves the highlights section out when there is nothing to highlight", () => {
    const body = renderMonthlyReport({ ...smallMonth(), highlights: { preventative: [], newcomers: [] } });
    expect(body).not.toContain("## Highlights");
    const onlyNewcomers = renderMonthlyReport({
      ...smallMonth(),
      highlights: { preventative: [], newcomers: smallMonth().highlights.newcomers },
    });
    expect(onlyNewcomers).toContain("### First contributions");
    expect(onlyNewcomers).not.toContain("### Caught in review");
  });

  it("keeps Mermaid labels safe and charts categories, not people, largest first", () => {
    expect(mermaidLabel('a "quoted": #1; 100%')).toBe("a quoted 1 100");
    const people = Array.from({ length: 12 }, (_, i) =>
      person(`user-${String(i).padStart(2, "0")}`, [
        ...many(20 - i, "review.submitted", "acme/web"),
        ...many(i % 3, "triage.label", "acme/web", 500),
        ...many(i < 5 ? 1 : 0, "release.changelog", "acme/web", 900),
      ]),
    );
    const body = renderMonthlyReport(input({ current: report(...people) }));
    expect(body).not.toContain("pie");
    const blocks = body.split("```mermaid").slice(1);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) expect(block.slice(0, block.indexOf("```"))).not.toContain("user-");
    expect(body).toContain(
      '```mermaid\nxychart-beta horizontal\n    title "Glue credits by category, October 2026"\n    x-axis ["code-review", "triage", "release"]',
    );
    expect(body).toContain("    bar [174, 12, 5]");
  });

  it("trims each person's oldest evidence first when the body is too long", () => {
    const month = input({
      current: report(
        person("alice", many(40, "review.submitted", "acme/web")),
        person("bob", many(30, "triage.label", "acme/web", 100)),
      ),
    });
    const full = renderMonthlyReport(month);
    const body = renderMonthlyReport(month, full.length - 500);
    expect(body.length).toBeLessThanOrEqual(full.length - 500);
    expect(body).toMatch(/Evidence was trimmed .*: each person shows their newest \d+ credits\./);
    expect(body).toMatch(/- … and \d+ more\n/);
    expect(body).toContain("| [alice](https://github.com/alice) | 40 | 0 | code-review 40 |"); // the table is untouched
    const aliceEvidence = body.slice(
      body.indexOf('<summary><a href="https://github.com/alice">alice</a> — 40 glue credits</summary>'),
    );
    expect(aliceEvidence).toContain("- 2026-10-28 · code-review"); // newest kept
    expect(aliceEvidence.slice(0, aliceEvidence.indexOf("</details>"))).not.toContain("- 2026-10-01 ·");
  });

  it("then shows evidence for the people with the most glue, and keeps the whole table", () => {
    const people = Array.from({ length: 800 }, (_, i) =>
      person(
        `p${String(i).padStart(3, "0")}`,
        many(10 + (i % 3), "triage.label", `acme/repo-${i % 9}`, i * 20),
      ),
    );
    const body = renderMonthlyReport(input({ current: report(...people) }));
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toMatch(
      /: [\d,]+ people with fewer glue credits are not shown and each person shows their newest 5 credits\./,
    );
    expect(body).not.toContain("contributors are listed, those with");
    expect(body).toContain("| [p799](https://github.com/p799) | 11 | 0 | triage 11 |");
    expect(body).toContain('<summary><a href="https://github.com/p002">p002</a> — 12 glue credits</summary>'); // most glue first
    expect(body).not.toContain('<summary><a href="https://github.com/p000">'); // 10 credits: among the least
  });

  it("lists people by name, not by how much they did, in the table and the evidence", () => {
    const body = renderMonthlyReport(
      input({
        current: report(
          person("zoe", many(9, "review.submitted", "acme/web", 0)),
          person("Amir", many(2, "triage.label", "acme/web", 100)),
          person("mona", many(5, "docs.pr", "acme/web", 200)),
        ),
      }),
    );
    const rows = body.split("\n").filter((line) => /^\| \[\w+\]/.test(line));
    expect(rows.map((row) => row.split("]")[0])).toEqual(["| [Amir", "| [mona", "| [zoe"]);
    const blocks = [...body.matchAll(/<summary><a href="https:\/\/github\.com\/(\w+)">/g)].map((m) => m[1]);
    expect(blocks).toEqual(["Amir", "mona", "zoe"]);
  });

  it("keeps those with the most credits when the table must be cut, still listed by name", () => {
    const people = Array.from({ length: 3000 }, (_, i) =>
      person(
        `person-${String(i).padStart(4, "0")}`,
        many(1 + (i % 2) * 20, "review.submitted", "acme/web", i),
      ),
    );
    const body = renderMonthlyReport(input({ current: report(...people) }));
    const shown = body
      .split("\n")
      .filter((line) => line.startsWith("| [person-"))
      .map((line) => line.slice(3, 14));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(3000);
    // Only people with 21 credits (odd numbers) made it, and in name order.
    expect(shown.every((login) => Number(login.slice(-4)) % 2 === 1)).toBe(true);
    expect(shown).toEqual([...shown].sort());
  });

  it("never fails, even with a limit too small for the tables", () => {
    const body = renderMonthlyReport(smallMonth(), 300);
    expect(body.length).toBeLessThanOrEqual(300);
    expect(body.split("\n")[0]).toBe("<!-- gluework:report:2026-10 -->");
  });

  it("fits 3,000 people with 40 credits each under GitHub's 65,536 characters", () => {
    const people = Array.from({ length: 3000 }, (_, i) =>
      person(`person-${String(i).padStart(4, "0")}`, [
        ...many(30 + (i % 7), "review.submitted", `acme/repo-${i % 50}`, i * 100),
        ...many(10 - (i % 7), "code.pr", `acme/repo-${i % 50}`, i * 100 + 50),
      ]),
    );
    const body = renderMonthlyReport(input({ current: report(...people) }));
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body.split("\n")[0]).toBe("<!-- gluework:report:2026-10 -->");
    expect(body).toContain("| Contributor | Glue | Code | Most glue in |");
    expect(body).toContain("```mermaid\nxychart-beta horizontal");
    expect(body).toContain("Evidence was trimmed");
    expect(body).toMatch(/[\d,]+ of 3,000 contributors are listed, those with the most credits/);
    expect(body).toContain("| **Total** | **98,994** | **21,006** | |");
    expect(body).toMatch(
      /\[How it classifies\]\(https:\/\/github\.com\/gluework\/gluework#how-it-classifies\)/,
    );
  });

  it("renders a short body when no glue work was recorded", () => {
    const body = renderMonthlyReport(input({ previous: smallMonth().current }));
    expect(body.split("\n")[0]).toBe("<!-- gluework:report:2026-10 -->");
    expect(body).toContain("No glue work recorded in **acme** in October 2026.");
    expect(body).toContain("Last month (September 2026): 6 glue credits from 2 people.");
    expect(body).not.toContain("## Who did what");
    expect(body.length).toBeLessThan(1200);
    expect(renderMonthlyReport(input({ leftOut: { repositories: 2 } }))).toContain(
      "> 2 private repositories were left out of this report",
    );
  });
});
