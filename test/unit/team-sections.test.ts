import { describe, expect, it } from "vitest";
import type { PersonMonth } from "../../src/report/month-summary.js";
import { countsRow, headline } from "../../src/report/monthly-report.js";
import { type TeamMonth, teamSection, teamSections } from "../../src/report/monthly-team-sections.js";

const person = (login: string, triage: number, review = 0): PersonMonth => ({
  login,
  glue: triage + review,
  code: 0,
  categories: { ...(triage ? { triage } : {}), ...(review ? { "code-review": review } : {}) },
  newest: [],
});

const team = (members: number, people: PersonMonth[]): TeamMonth => ({
  slug: "platform",
  name: "Platform",
  members,
  current: {
    contributors: people,
    repositories: 1,
    carriers: [
      { category: "triage", repos: ["acme/web"], others: [{ login: "lisa", credits: 2, member: true }] },
    ],
  },
  previous: { glue: 4, code: 0, people: 2, repositories: 1 },
  trend: [],
});

const options = {
  period: "2026-10",
  minSize: 4,
  minCredits: 5,
  newcomers: [],
  headline: (month: Pick<TeamMonth, "current" | "previous">) => headline({ period: "2026-10", ...month }),
  row: (link: string, month: PersonMonth) => countsRow(link, month),
};

describe("team sections", () => {
  it("lists a team's people by name, not by how much they did", () => {
    const section = teamSection(
      team(4, [person("zoe", 9), person("Amir", 1), person("mona", 4)]),
      options,
      true,
    );
    const rows = section.split("\n").filter((line) => line.startsWith("| ["));
    expect(rows.map((row) => row.slice(3, row.indexOf("]")))).toEqual(["Amir", "mona", "zoe"]);
  });

  it("a team of at least report.teams_min_size: totals, who did what and balance within the team", () => {
    expect(
      teamSection(team(4, [person("hubot", 6), person("lisa", 1, 2)]), options, true),
    ).toMatchInlineSnapshot(`
      "## Team Platform (\`platform\`)

      4 members this month, nested teams included; what they did while in the team.

      |  | October 2026 | September 2026 | Trend |
      | :-- | --: | --: | :-- |
      | Glue credits | 9 | 4 | ▲ 5 (+125%) |
      | People | 2 | 2 | = |
      | Repositories | 1 | 1 | = |
      | Code credits | 0 | 0 | = |

      ### Who did what in platform

      Listed by name.

      | Contributor | Glue | Code | Most glue in |
      | :-- | --: | --: | :-- |
      | [hubot](https://github.com/hubot) | 6 | 0 | triage 6 |
      | [lisa](https://github.com/lisa) | 3 | 0 | code-review 2, triage 1 |

      ### Balance within platform

      How concentrated each kind of glue is, for kinds with at least 5 credits (\`report.balance.min_credits\`).

      - **triage**: 86% of its 7 credits came from one person (2 people did some), no earlier months to compare with; a rotation could include [lisa](https://github.com/lisa), team members also active in \`acme/web\`.
      - **code-review** has fewer than 5 credits this month, too few to say how it is shared."
    `);
  });

  it("a smaller team: totals only, nobody named", () => {
    const section = teamSection(team(3, [person("hubot", 6), person("lisa", 1, 2)]), options, true);
    expect(section).toMatchInlineSnapshot(`
      "## Team Platform (\`platform\`)

      3 members this month, nested teams included; what they did while in the team.

      |  | October 2026 | September 2026 | Trend |
      | :-- | --: | --: | :-- |
      | Glue credits | 9 | 4 | ▲ 5 (+125%) |
      | People | 2 | 2 | = |
      | Repositories | 1 | 1 | = |
      | Code credits | 0 | 0 | = |

      _Totals only: the team had fewer than 4 members this month (\`report.teams_min_size\`)._"
    `);
    expect(section).not.toMatch(/hubot|lisa/);
  });

  it("past the budget, the remaining teams show their totals only", () => {
    const big = team(4, [person("hubot", 6), person("lisa", 1, 2)]);
    const full = teamSection(big, options, true);
    const both = teamSections([big, { ...big, slug: "infra", name: "Infra" }], options, full.length + 10);
    expect(both).toContain("### Who did what in platform");
    expect(both).not.toContain("### Who did what in infra");
    expect(both).toContain("_Totals only, to keep this issue under GitHub's length limit._");
  });
});
