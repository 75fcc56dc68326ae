import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import type { Sql } from "../../src/store/db.js";
import { recordCredits } from "../../src/store/record-credits.js";
import { applyTeamChange, saveTeamRead } from "../../src/store/teams.js";
import type { Credit } from "../../src/vocabulary/credit.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { publishOctober } from "../helpers/monthly-report.js";
import { openApiProblems } from "../helpers/openapi.js";
import { defaultOrder } from "../helpers/order-rules.js";
import { API } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";

const REPOS = {
  web: 101,
  "secret-plans": 102,
  ".github": 103,
  reports: 105,
  "platform-reports": 106,
} as const;
const PEOPLE = { mona: 1, hubot: 2, lisa: 3, octocat: 4, carol: 5 } as const;

const repository = (name: keyof typeof REPOS, isPrivate: boolean) => ({
  id: REPOS[name],
  name,
  full_name: `acme/${name}`,
  private: isPrivate,
  visibility: isPrivate ? "private" : "public",
  owner: { login: "acme", id: 1, type: "Organization" },
});

let next = 0;
const credit = (
  login: keyof typeof PEOPLE,
  repo: "web" | "secret-plans",
  day: number,
  category: "triage" | "code-review" = "triage",
): Credit => {
  next += 1;
  return {
    installationId: 1,
    repoId: REPOS[repo],
    repo: `acme/${repo}`,
    repoPrivate: repo !== "web",
    actorLogin: login,
    actorId: PEOPLE[login],
    actorAssociation: "MEMBER",
    category,
    rule: category === "triage" ? "triage.label" : "review.submitted",
    weight: 1,
    subjectType: "issue",
    subjectKey: `acme/${repo}#${next}`,
    url: `https://github.com/acme/${repo}/issues/${next}`,
    occurredAt: `2026-10-${String(day).padStart(2, "0")}T10:00:00Z`,
    sourceKey: `k:${next}`,
  };
};

const member = (login: keyof typeof PEOPLE) => ({ userId: PEOPLE[login], login });

/**
 * October 2026 of acme: `platform` (mona and lisa, with `infra` nested in it: hubot and octocat),
 * the secret `security` (carol; mona from mid-October) and `tiny` (carol). Triage is shared
 * across the organisation, but within platform hubot did most of it.
 */
const seed = async (sql: Sql) => {
  await saveTeamRead(
    sql,
    1,
    [
      {
        team: { teamId: 10, slug: "platform", name: "Platform", privacy: "closed", parentTeamId: null },
        members: [member("mona"), member("lisa")],
      },
      {
        team: { teamId: 11, slug: "infra", name: "Infra", privacy: "closed", parentTeamId: 10 },
        members: [member("hubot"), member("octocat")],
      },
      {
        team: { teamId: 12, slug: "security", name: "Security", privacy: "secret", parentTeamId: null },
        members: [member("carol")],
      },
      {
        team: { teamId: 13, slug: "tiny", name: "Tiny", privacy: "closed", parentTeamId: null },
        members: [member("carol")],
      },
    ],
    new Date("2026-09-01T00:00:00Z"),
  );
  const mid = new Date("2026-10-15T00:00:00Z");
  await applyTeamChange(
    sql,
    { kind: "member-removed", installationId: 1, teamId: 10, member: member("mona") },
    mid,
  );
  await applyTeamChange(
    sql,
    {
      kind: "member-added",
      installationId: 1,
      team: { teamId: 12, slug: "security", name: "Security", privacy: "secret" },
      member: member("mona"),
    },
    mid,
  );
  await recordCredits(
    sql,
    { installationId: 1, deliveryId: "seed", event: "seed" },
    [
      ...[5, 6, 7, 8, 9].map((day) => credit("hubot", "web", day)),
      ...[5, 6, 7, 8, 9].map((day) => credit("carol", "web", day)),
      credit("lisa", "web", 6),
      credit("octocat", "web", 7, "code-review"),
      credit("mona", "web", 2),
      credit("mona", "secret-plans", 3, "code-review"),
      credit("mona", "secret-plans", 20),
    ],
    defaultOrder,
  );
};

/** GitHub's side: the repositories, an org config, and the issues the report opens in `destinations`. */
const mockGitHubTo = (config: string, destinations: readonly string[]) => {
  const repos = [
    repository("web", false),
    repository("secret-plans", true),
    repository(".github", false),
    repository("reports", true),
    repository("platform-reports", false),
  ];
  const opened = new Map<string, { title: string; body: string }>();
  const scope = nock(API)
    .get("/installation/repositories")
    .query(true)
    .reply(200, { total_count: repos.length, repositories: repos })
    .get(`/repos/acme/.github/contents/${encodeURIComponent(".github/gluework.yml")}`)
    .reply(200, config, { "content-type": "application/vnd.github.v3.raw; charset=utf-8" });
  for (const destination of destinations) {
    scope
      .get(`/repos/${destination}/issues`)
      .query(true)
      .reply(200, [])
      .post(`/repos/${destination}/issues`, (body) => {
        expect(openApiProblems("POST /repos/{owner}/{repo}/issues", body)).toEqual([]);
        opened.set(destination, body);
        return true;
      })
      .reply(201, { number: 1 });
  }
  return opened;
};

const mockGitHub = (config: string, destination: string) => {
  const opened = mockGitHubTo(config, [destination]);
  return () => opened.get(destination)?.body ?? "";
};

/** The `## ` section of the body whose heading starts with `title`. */
const section = (body: string, title: string): string | undefined =>
  body.split(/\n(?=## )/).find((part) => part.startsWith(`## ${title}`));

const glueRow = (part: string | undefined) => part?.match(/\| Glue credits \| (\d+) \|/)?.[1];

describe.each(storeKinds())("monthly report team sections on %s store", (kind) => {
  const store = useIntegrationStore(kind);
  beforeEach(async () => {
    await seed(store.sql);
  });

  it("a public destination: a section per visible team, balance within the team, no secret team, nothing private", async () => {
    const body = mockGitHub("report:\n  teams: all\n  balance:\n    min_credits: 5\n", "acme/.github");
    await publishOctober(store.sql);
    const text = body();
    // Organisation-wide, triage is shared (at most 5 of 12 from one person).
    expect(section(text, "Balance")).toContain("Glue is shared well this month");
    const platform = section(text, "Team Platform (`platform`)");
    expect(platform).toContain("4 members this month, nested teams included");
    // mona's credits in the private repository, and her work after she left, are not counted.
    expect(glueRow(platform)).toBe("8");
    expect(platform).toContain("### Who did what in platform");
    expect(platform).toMatch(
      /\*\*triage\*\*: 71% of its 7 credits came from one person \(3 people did some\)/,
    );
    // A rotation names the team's own members only, never carol (busy in triage elsewhere).
    expect(platform).toMatch(/a rotation could include \[(lisa|mona)\]/);
    expect(platform).not.toContain("carol");
    expect(platform).not.toContain("hubot](https://github.com/hubot), team members");
    // Small teams show their totals only.
    const tiny = section(text, "Team Tiny (`tiny`)");
    expect(glueRow(tiny)).toBe("5");
    expect(tiny).toContain("Totals only: the team had fewer than 4 members");
    expect(tiny).not.toContain("carol");
    expect(section(text, "Team Infra (`infra`)")).toContain("Totals only");
    // The secret team is nowhere, and nothing of the private repository.
    expect(text).not.toContain("security");
    expect(text).not.toContain("Security");
    expect(text).not.toContain("secret-plans");
  });

  it("a private destination shows the secret team and private work; credits count for the team of the time", async () => {
    const body = mockGitHub(
      "report:\n  repository: acme/reports\n  teams: [platform, security]\n  teams_min_size: 2\n",
      "acme/reports",
    );
    await publishOctober(store.sql);
    const text = body();
    const platform = section(text, "Team Platform (`platform`)");
    // Private work counts here; mona's triage on the 20th does not: she was in security by then.
    expect(glueRow(platform)).toBe("9");
    const security = section(text, "Team Security (`security`)");
    expect(security).toContain("2 members this month");
    expect(glueRow(security)).toBe("6");
    expect(security).toContain("### Who did what in security");
    expect(section(text, "Team Tiny")).toBeUndefined();
  });

  it("report.destinations gives a team an issue of its own and takes its section out of the organisation's; a secret team gets none in a public repository", async () => {
    const opened = mockGitHubTo(
      "report:\n  teams: all\n  destinations:\n    platform: acme/platform-reports\n    security: acme/web\n    tiny: acme/nowhere\n  balance:\n    min_credits: 5\n",
      ["acme/.github", "acme/platform-reports"],
    );
    const results = await publishOctober(store.sql);
    expect(results.map((result) => result.destination)).toEqual(["acme/.github", "acme/platform-reports"]);
    const org = opened.get("acme/.github")?.body ?? "";
    expect(section(org, "Team Platform")).toBeUndefined();
    // tiny's destination is not installed: its section stays in the organisation's issue.
    const tiny = section(org, "Team Tiny (`tiny`)");
    expect(glueRow(tiny)).toBe("5");
    expect(tiny).toContain("Totals only: the team had fewer than 4 members");
    const own = opened.get("acme/platform-reports");
    expect(own?.title).toBe("Glue work report: October 2026 (acme, team platform)");
    expect(own?.body.split("\n")[0]).toBe("<!-- gluework:report:2026-10 -->");
    const platform = section(own?.body ?? "", "Team Platform (`platform`)");
    expect(glueRow(platform)).toBe("8");
    expect(platform).toContain("### Balance within platform");
    expect(own?.body).toContain(
      "set `report.destinations.platform` in `.github/gluework.yml` to a private repository",
    );
    expect(own?.body).not.toContain("secret-plans");
  });

  it("without report.teams the report has no team sections", async () => {
    const body = mockGitHub("report:\n  balance:\n    min_credits: 5\n", "acme/.github");
    await publishOctober(store.sql);
    expect(body()).toContain("## Balance");
    expect(body()).not.toContain("## Team ");
  });
});
