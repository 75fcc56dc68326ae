import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUnexpected } from "../../src/github-double/reply.js";
import { ROUTES } from "../../src/github-double/routes.js";
import { example, fullUser } from "../helpers/examples.js";
import { openApiAnswerProblems } from "../helpers/openapi.js";
import { webhookProblems } from "../helpers/webhook-schema.js";
import { type ReportJson, runCli } from "./helpers/cli.js";
import { deliver, deliverAll } from "./helpers/deliver.js";
import { MERGED_PR, pullRequestStory, registerMonth, repoOf, reviewer } from "./helpers/scenario.js";
import { eventually, type Stack, settled, startStack } from "./helpers/stack.js";

const INSTALLATION = 4601;

describe("teams, end to end", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    expect(await stack?.stop()).toEqual([0]);
  });

  const teamReport = async (...extra: string[]): Promise<ReportJson> => {
    const result = await runCli(
      [
        "report",
        "--installation",
        String(INSTALLATION),
        "--since",
        "2000-01-01",
        "--format",
        "json",
        ...extra,
      ],
      stack.cliEnv(),
    );
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  };

  it("reads an organisation's teams on install, keeps them current from membership events, and reports by team", async () => {
    const repo = repoOf(INSTALLATION, 9601, "acme", "rockets");
    registerMonth(stack.double, repo);
    // acme's teams on GitHub: the reviewer is in `infra`, nested in `platform`.
    stack.double.state.teams.set("acme", [
      { id: 71, slug: "platform", privacy: "closed", members: [{ login: "octomaintainer", id: 3002 }] },
      {
        id: 72,
        slug: "infra",
        privacy: "closed",
        parent: 71,
        members: [{ login: reviewer.login, id: reviewer.id }],
      },
    ]);
    const installed = example("installation", "created", INSTALLATION);
    installed.installation = { ...installed.installation, account: { ...installed.sender, login: "acme" } };
    installed.repositories = [];
    expect(
      (
        await deliver(stack.server.url, stack.credentials.webhookSecret, {
          id: "install-4601",
          name: "installation",
          payload: installed,
        })
      ).status,
    ).toBe(200);
    await eventually("the teams read from GitHub", async () => {
      const [row] = await stack.sql<{ n: number }[]>`
        select count(*)::int as n from teams where installation_id = ${INSTALLATION}
      `;
      return row?.n === 2;
    });
    expect(
      stack.double.requests.some((request) => request.path.startsWith("/orgs/acme/teams/infra/members")),
    ).toBe(true);

    const answers = await deliverAll(
      stack.server.url,
      stack.credentials.webhookSecret,
      pullRequestStory(repo, MERGED_PR),
      1,
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    await settled(stack.sql, INSTALLATION);

    // The reviewer's credit counts for infra and, through nesting, for platform.
    const platform = await teamReport("--team", "platform");
    expect(platform.contributors.map((person) => person.login)).toContain(reviewer.login);
    const all = await teamReport();
    expect(all.contributors.find((person) => person.login === reviewer.login)?.teams).toEqual([
      "infra",
      "platform",
    ]);

    // A membership event through the server: someone joins a new team, stored from the payload alone.
    const added = example("membership", "added", INSTALLATION);
    added.member = fullUser("octonewcomer", 3099);
    added.team = { ...added.team, id: 73, slug: "docs", name: "docs", privacy: "closed" };
    expect(webhookProblems("membership.added", added)).toEqual([]);
    expect(
      (
        await deliver(stack.server.url, stack.credentials.webhookSecret, {
          id: "membership-4601",
          name: "membership",
          payload: added,
        })
      ).status,
    ).toBe(200);
    await eventually("the membership stored", async () => {
      const rows = await stack.sql<{ login: string }[]>`
        select login from team_memberships where installation_id = ${INSTALLATION} and team_id = 73 and until is null
      `;
      return rows.some((row) => row.login === "octonewcomer");
    });
    expect(stack.double.unexpected).toEqual([]);

    // What the double answered is what GitHub's OpenAPI description allows.
    const answer = async (name: string, path: string, params: string[]) => {
      const route = ROUTES.find((candidate) => candidate.name === name);
      if (!route) throw new Error(`no route ${name}`);
      const url = new URL(`http://double${path}?per_page=100`);
      const reply = await route.handler(
        {
          state: stack.double.state,
          method: "GET",
          path,
          url,
          body: null,
          installationId: INSTALLATION,
          appJwt: null,
          appId: 0,
        },
        params,
      );
      if (isUnexpected(reply)) throw new Error(reply.reason);
      return reply.body;
    };
    expect(
      openApiAnswerProblems(
        "GET /orgs/{org}/teams",
        200,
        await answer("org-teams", "/orgs/acme/teams", ["acme"]),
      ),
    ).toEqual([]);
    expect(
      openApiAnswerProblems(
        "GET /orgs/{org}/teams/{team_slug}/members",
        200,
        await answer("team-members", "/orgs/acme/teams/infra/members", ["acme", "infra"]),
      ),
    ).toEqual([]);
  });
});
