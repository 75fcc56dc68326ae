import nock from "nock";
import { expect } from "vitest";
import { teamJson, teamMemberJson } from "../../src/github-double/rest-shapes.js";
import { openApiAnswerProblems, openApiQueryProblems } from "./openapi.js";
import { API } from "./probot.js";

/** A team of the GitHub double: what `GET /orgs/{org}/teams` lists, and its members. */
export type DoubleTeam = {
  id: number;
  slug: string;
  privacy?: "secret" | "closed";
  parent?: number;
  /** Direct members: [login, id]. */
  members: [string, number][];
  /** Members GitHub lists because they are in a nested team (`inherited: true`). */
  inherited?: [string, number][];
  /** Deleted after the team list was read: its member list answers 404. */
  gone?: boolean;
};

/** A team as `GET /orgs/{org}/teams` answers it (named from its slug). */
const listed = (org: string, team: DoubleTeam, all: readonly DoubleTeam[]) => {
  const named = (t: DoubleTeam) => ({ ...t, name: t.slug.replaceAll("-", " ") });
  return teamJson(org, named(team), all.map(named));
};

/** Checks one answer against GitHub's OpenAPI description and the request's query against its parameters. */
const checked = (route: string, query: Record<string, string>, body: unknown) => {
  expect(openApiQueryProblems(route, new URLSearchParams(query))).toEqual([]);
  expect(openApiAnswerProblems(route, 200, body)).toEqual([]);
  return body;
};

/**
 * GitHub's team listing for `org`, served by nock: the teams in pages of `perPage` (linked as
 * GitHub links pages), and each team's members (direct and inherited). Every route, query and
 * answer is checked against GitHub's OpenAPI description; the scope fails the test if one goes
 * unused.
 */
export const mockTeams = (org: string, teams: readonly DoubleTeam[], { perPage = 100 } = {}): nock.Scope => {
  const scope = nock(API);
  const pages = Math.max(1, Math.ceil(teams.length / perPage));
  for (let page = 1; page <= pages; page += 1) {
    const query: Record<string, string> =
      page === 1 ? { per_page: "100" } : { per_page: "100", page: String(page) };
    const body = teams.slice((page - 1) * perPage, page * perPage).map((team) => listed(org, team, teams));
    const next = `<${API}/orgs/${org}/teams?per_page=100&page=${page + 1}>; rel="next"`;
    scope
      .get(`/orgs/${org}/teams`)
      .query(query)
      .reply(200, () => checked("GET /orgs/{org}/teams", query, body), page < pages ? { link: next } : {});
  }
  for (const team of teams) {
    const query = { per_page: "100" };
    if (team.gone) {
      scope.get(`/orgs/${org}/teams/${team.slug}/members`).query(query).reply(404, { message: "Not Found" });
      continue;
    }
    const body = [
      ...team.members.map(([login, id]) => teamMemberJson(login, id, false)),
      ...(team.inherited ?? []).map(([login, id]) => teamMemberJson(login, id, true)),
    ];
    scope
      .get(`/orgs/${org}/teams/${team.slug}/members`)
      .query(query)
      .reply(200, () => checked("GET /orgs/{org}/teams/{team_slug}/members", query, body));
  }
  return scope;
};
