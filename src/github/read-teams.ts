import { z } from "zod";
import type { TeamRead } from "../vocabulary/team.js";
import type { Octokit } from "./octokit.js";

const teamSchema = z.object({
  id: z.number().int(),
  slug: z.string().min(1),
  name: z.string(),
  privacy: z.string().optional(),
  parent: z.object({ id: z.number().int() }).nullish(),
});

const memberSchema = z.object({
  id: z.number().int(),
  login: z.string().min(1),
  /** True for someone listed only because they are in a nested team. */
  inherited: z.boolean().optional(),
});

/**
 * Every team of organisation `org` the app can see, each with its direct members (GitHub lists a
 * team's nested teams' members too, marked `inherited`; nesting is counted from the parents
 * instead), every page of both; a team gone between the two reads is left out. Needs the
 * `members: read` permission.
 */
export const readTeams = async (octokit: Octokit, org: string): Promise<TeamRead> => {
  const teams = z
    .array(teamSchema)
    .parse(await octokit.paginate("GET /orgs/{org}/teams", { org, per_page: 100 }));
  const read: TeamRead = [];
  for (const team of teams) {
    const listed = await octokit
      .paginate("GET /orgs/{org}/teams/{team_slug}/members", { org, team_slug: team.slug, per_page: 100 })
      .catch((error: unknown) => {
        // Deleted (or renamed) since the list was read: the next read sees it as it is now.
        if ((error as { status?: unknown }).status === 404) return null;
        throw error;
      });
    if (listed === null) continue;
    const members = z.array(memberSchema).parse(listed);
    read.push({
      team: {
        teamId: team.id,
        slug: team.slug,
        name: team.name,
        // Anything GitHub does not call secret is visible to the whole organisation.
        privacy: team.privacy === "closed" || team.privacy === "open" ? "closed" : "secret",
        parentTeamId: team.parent?.id ?? null,
      },
      members: members
        .filter((member) => member.inherited !== true)
        .map((member) => ({ userId: member.id, login: member.login })),
    });
  }
  return read;
};
