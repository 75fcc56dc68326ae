import { API_URL, nodeId, type Owner, type Person, user, WEB_URL } from "./accounts.js";

/** A team of the demo organisation: who is in it directly, and the team it is nested in. */
export type DemoTeam = {
  id: number;
  slug: string;
  name: string;
  privacy: "closed" | "secret";
  parent?: number;
  members: Person[];
};

const teamSimple = (org: Owner, team: DemoTeam) => {
  const url = `${API_URL}/organizations/${org.id}/team/${team.id}`;
  return {
    id: team.id,
    node_id: nodeId("Team", team.id),
    url,
    members_url: `${url}/members{/member}`,
    name: team.name,
    description: null,
    permission: "pull",
    html_url: `${WEB_URL}/orgs/${org.login}/teams/${team.slug}`,
    repositories_url: `${url}/repos`,
    slug: team.slug,
    type: "organization",
  };
};

/** A team as `GET /orgs/{org}/teams` lists it. */
export const teamListing = (org: Owner, team: DemoTeam, all: readonly DemoTeam[]) => {
  const parent = all.find((candidate) => candidate.id === team.parent);
  return {
    ...teamSimple(org, team),
    privacy: team.privacy,
    notification_setting: "notifications_enabled",
    parent: parent ? teamSimple(org, parent) : null,
  };
};

/** A team's member as `GET /orgs/{org}/teams/{team_slug}/members` lists them. */
export const teamMember = (person: Person, inherited: boolean) => ({
  ...user(person),
  role: "member",
  inherited,
});
