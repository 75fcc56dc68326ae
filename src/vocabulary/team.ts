/** Who may see a team: `secret` only its members and owners, `closed` every member of the organisation. */
export type TeamPrivacy = "secret" | "closed";

/** A GitHub team as Gluework keeps it. */
export type Team = {
  teamId: number;
  slug: string;
  name: string;
  privacy: TeamPrivacy;
  /** The team it is nested in, if any. */
  parentTeamId: number | null;
};

/** A person as a team lists them. */
export type TeamMember = { userId: number; login: string };

/**
 * What a `team`, `membership` or `organization` delivery changes in the stored teams. `resync`:
 * the delivery leaves something only a full read of the organisation's teams can tell.
 */
export type TeamChange =
  | { kind: "team-saved"; installationId: number; team: Team; parentKnown: boolean }
  | { kind: "team-deleted"; installationId: number; teamId: number }
  | {
      kind: "member-added";
      installationId: number;
      team: Pick<Team, "teamId" | "slug" | "name" | "privacy">;
      member: TeamMember;
    }
  | { kind: "member-removed"; installationId: number; teamId: number; member: TeamMember }
  | { kind: "left-organisation"; installationId: number; member: TeamMember }
  /** The organisation's new login (by its account id): where its teams are read from now. */
  | { kind: "organisation-renamed"; installationId: number; accountId: number; login: string };

/** An organisation's teams as GitHub lists them now, each with its direct members. */
export type TeamRead = { team: Team; members: TeamMember[] }[];
