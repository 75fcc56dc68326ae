import { z } from "zod";
import type { TeamChange, TeamPrivacy } from "../vocabulary/team.js";
import { installationSchema, userSchema } from "./payload.js";

/** The events that keep the stored teams current. */
export const TEAM_EVENTS = ["team", "membership", "organization"] as const;

/** `closed` (older payloads say `open`) is visible to the whole organisation; anything else is kept secret. */
const privacyOf = (privacy: string | undefined): TeamPrivacy =>
  privacy === "closed" || privacy === "open" ? "closed" : "secret";

const teamSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  slug: z.string().min(1).optional(),
  privacy: z.string().optional(),
  deleted: z.boolean().optional(),
  parent: z.object({ id: z.number().int() }).nullish(),
});

const teamEvent = z.object({
  action: z.string(),
  installation: installationSchema,
  team: teamSchema,
});

const membershipEvent = z.object({
  action: z.enum(["added", "removed"]),
  scope: z.string(),
  installation: installationSchema,
  member: userSchema.nullable(),
  team: teamSchema,
});

const organizationEvent = z.object({
  action: z.string(),
  installation: installationSchema,
  organization: z.object({ id: z.number().int(), login: z.string().min(1) }).optional(),
  membership: z.object({ user: userSchema.nullable() }).optional(),
});

/** The slug GitHub derives from a name, for the rare payload without one. */
const slugOf = (team: z.output<typeof teamSchema>) =>
  team.slug ?? team.name.toLowerCase().replaceAll(/[^a-z0-9_-]+/g, "-");

/**
 * A `team`, `membership` or `organization` delivery as the change it makes to the stored teams,
 * or null for one that changes nothing Gluework keeps. Pure; throws a ZodError for a payload
 * without the fields it reads.
 */
export const parseTeamChange = (event: string, payload: unknown): TeamChange | null => {
  if (event === "team") {
    const { action, installation, team } = teamEvent.parse(payload);
    if (action === "deleted" || team.deleted)
      return { kind: "team-deleted", installationId: installation.id, teamId: team.id };
    return {
      kind: "team-saved",
      installationId: installation.id,
      team: {
        teamId: team.id,
        slug: slugOf(team),
        name: team.name,
        privacy: privacyOf(team.privacy),
        parentTeamId: team.parent?.id ?? null,
      },
      // A `team` payload carries the parent (null at the top); `created` cannot say who is in it.
      parentKnown: team.parent !== undefined,
    };
  }
  if (event === "membership") {
    const { action, scope, installation, member, team } = membershipEvent.parse(payload);
    if (scope !== "team" || member === null) return null;
    const person = { userId: member.id, login: member.login };
    if (action === "removed" || team.deleted)
      return { kind: "member-removed", installationId: installation.id, teamId: team.id, member: person };
    return {
      kind: "member-added",
      installationId: installation.id,
      team: { teamId: team.id, slug: slugOf(team), name: team.name, privacy: privacyOf(team.privacy) },
      member: person,
    };
  }
  if (event === "organization") {
    const { action, installation, organization, membership } = organizationEvent.parse(payload);
    if (action === "renamed" && organization)
      return {
        kind: "organisation-renamed",
        installationId: installation.id,
        accountId: organization.id,
        login: organization.login,
      };
    const user = membership?.user;
    if (action !== "member_removed" || !user) return null;
    return {
      kind: "left-organisation",
      installationId: installation.id,
      member: { userId: user.id, login: user.login },
    };
  }
  return null;
};
