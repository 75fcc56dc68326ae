import { notFound, page, type Unexpected, unauthenticated } from "./reply.js";
import { teamJson, teamMemberJson } from "./rest-shapes.js";
import type { Handler, RouteInput } from "./route-kit.js";
import type { DoubleTeam } from "./state.js";

/** The teams of `org`, asked with a token of an installation on it (a repository it owns). */
const orgTeams = (input: RouteInput, org: string): DoubleTeam[] | Unexpected => {
  if (input.installationId === null) return unauthenticated("teams asked for without an installation token");
  const own = [...input.state.repos.values()].some(
    (repo) => repo.installationId === input.installationId && repo.owner.toLowerCase() === org.toLowerCase(),
  );
  if (!own)
    return {
      reason: `teams of ${org}, which installation ${input.installationId} is not on`,
      reply: notFound(),
    };
  return input.state.teams.get(org.toLowerCase()) ?? [];
};

export const listTeams: Handler = (input, [org = ""]) => {
  const teams = orgTeams(input, org);
  if (!Array.isArray(teams)) return teams;
  return page(
    teams.map((team) => teamJson(org, team, teams)),
    input.url,
  );
};

/** A team's members; GitHub lists its nested teams' members too, marked inherited. */
export const listTeamMembers: Handler = (input, [org = "", slug = ""]) => {
  const teams = orgTeams(input, org);
  if (!Array.isArray(teams)) return teams;
  const team = teams.find((candidate) => candidate.slug === slug);
  if (!team) return notFound();
  const direct = new Set(team.members.map((member) => member.id));
  const nested = teams
    .filter((candidate) => candidate.parent === team.id)
    .flatMap((child) => child.members)
    .filter((member) => !direct.has(member.id));
  return page(
    [
      ...team.members.map((member) => teamMemberJson(member.login, member.id, false)),
      ...nested.map((member) => teamMemberJson(member.login, member.id, true)),
    ],
    input.url,
  );
};
