import { createRequire } from "node:module";
import { userJson } from "../../src/github-double/rest-shapes.js";

type Example = Record<string, unknown> & { action?: string };
type ExampleGroup = { name: string; actions: string[]; examples: Example[] };

const require = createRequire(import.meta.url);
const groups = require("@octokit/webhooks-examples/api.github.com/index.json") as ExampleGroup[];

/** Every example payload GitHub documents for an event, deep-copied. */
export const examplesOf = (event: string): Example[] =>
  structuredClone(groups.find((group) => group.name === event)?.examples ?? []);

/**
 * One real example payload of `event` (with `action` when given), deep-copied, with an
 * installation attached as GitHub adds for an app.
 */
export const example = <T = Record<string, any>>(event: string, action?: string, installationId = 1): T => {
  const found = examplesOf(event).find((candidate) => action === undefined || candidate.action === action);
  if (!found)
    throw new Error(`no @octokit/webhooks-examples payload for ${event}${action ? `.${action}` : ""}`);
  return {
    ...found,
    installation: { id: installationId, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" },
  } as T;
};

/** A GitHub user object as payloads carry it. */
export const user = (login: string, id: number, type: "User" | "Bot" = "User") => ({
  login,
  id,
  node_id: `U_${id}`,
  avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
  gravatar_id: "",
  url: `https://api.github.com/users/${login}`,
  html_url: `https://github.com/${login}`,
  type,
  site_admin: false,
});

/** A user object with every URL GitHub's current webhook schema requires (a bot's `[bot]` encoded). */
export const fullUser = (login: string, id: number, type: "User" | "Bot" = "User") => ({
  ...userJson(login, id, type),
  html_url: `https://github.com/${encodeURIComponent(login)}`,
});
