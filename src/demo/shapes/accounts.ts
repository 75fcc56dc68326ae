import { userJson } from "../../github-double/rest-shapes.js";

/**
 * Accounts as webhook payloads carry them: users, bots and the organisation. Every object has
 * the keys of the matching `@octokit/webhooks-examples` object, its URLs filled from the login.
 */

export type Association =
  | "OWNER"
  | "MEMBER"
  | "COLLABORATOR"
  | "CONTRIBUTOR"
  | "FIRST_TIME_CONTRIBUTOR"
  | "FIRST_TIMER"
  | "NONE";

/** A person (or bot) of the demo: who they are and how GitHub relates them to the org. */
export type Person = {
  login: string;
  id: number;
  name: string;
  type: "User" | "Bot";
  /** Their usual `author_association` in the org's repositories. */
  association: Association;
};

/** Who owns a repository: the organisation, or a user (for a fork). */
export type Owner = { login: string; id: number; description: string; kind: "Organization" | "User" };

export const API_URL = "https://api.github.com";
export const WEB_URL = "https://github.com";

/** GitHub's legacy global node id: base64 of `<length of type>:<type><id>`. */
export const nodeId = (type: string, id: number | string): string =>
  Buffer.from(`${String(type.length).padStart(2, "0")}:${type}${id}`).toString("base64");

/** The noreply address GitHub gives a user's commits. */
export const noreplyEmail = (person: Person): string =>
  `${person.id}+${person.login}@users.noreply.github.com`;

/** A user object (`sender`, `user`, `assignee`, `owner`, …), with GitHub's legacy node id. */
export const user = (person: Person) => ({
  ...userJson(person.login, person.id, person.type),
  node_id: nodeId(person.type === "Bot" ? "Bot" : "User", person.id),
});

/** A repository's `owner`: a user-shaped account, of type Organization for the org. */
export const ownerAccount = (owner: Owner) => ({
  ...user({ login: owner.login, id: owner.id, name: owner.login, type: "User", association: "NONE" }),
  node_id: nodeId(owner.kind, owner.id),
  type: owner.kind,
});

/** The top-level `organization` of an event from an org-owned repository. */
export const organization = (org: Owner) => {
  const url = `${API_URL}/orgs/${org.login}`;
  return {
    login: org.login,
    id: org.id,
    node_id: nodeId("Organization", org.id),
    url,
    repos_url: `${url}/repos`,
    events_url: `${url}/events`,
    hooks_url: `${url}/hooks`,
    issues_url: `${url}/issues`,
    members_url: `${url}/members{/member}`,
    public_members_url: `${url}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${org.id}?v=4`,
    description: org.description,
  };
};

/** The `installation` GitHub adds to every event it sends to an app. */
export const installation = (id: number) => ({ id, node_id: nodeId("Integration::Installation", id) });

/** A push's `pusher` and a commit's `author`/`committer`: git identities, not accounts. */
export const gitIdentity = (person: Person) => ({ name: person.name, email: noreplyEmail(person) });
