import { type GitHubDouble, startGitHubDouble } from "../github-double/start-github-double.js";
import type { DemoMonth } from "./demo-month.js";

/** `owner/name` and what follows `separator` in a key of the demo's API data. */
const splitKey = (key: string, separator: "#" | "@") => {
  const at = key.lastIndexOf(separator);
  return { repo: key.slice(0, at), rest: key.slice(at + 1) };
};

/** Fills the double's state with what the demo month's API answers hold. */
const seed = (double: GitHubDouble, { api, installationId }: Pick<DemoMonth, "api" | "installationId">) => {
  const { org } = api;
  for (const repo of api.repositories ?? []) {
    // Only the organisation's `.github` repository has a file: the org-wide settings.
    const orgSettings = org && repo.owner === org.owner.login && repo.name === ".github";
    double.addRepo({ ...repo, installationId, ...(orgSettings ? { config: org.config } : {}) });
  }
  for (const [key, files] of Object.entries(api.pullFiles)) {
    const { repo, rest } = splitKey(key, "#");
    // The demo reads only a PR's files; the rest of the PR is in its webhook payloads.
    double.addPull(repo, {
      number: Number(rest),
      headSha: "0".repeat(40),
      author: "ghost",
      merged: false,
      files,
    });
  }
  for (const [key, pulls] of Object.entries(api.commitPulls)) {
    const { repo, rest } = splitKey(key, "@");
    double.setCommitPulls(repo, rest, pulls);
  }
  if (org) {
    double.state.teams.set(
      org.owner.login.toLowerCase(),
      org.teams.map((team) => ({
        id: team.id,
        slug: team.slug,
        name: team.name,
        privacy: team.privacy,
        ...(team.parent === undefined ? {} : { parent: team.parent }),
        members: team.members.map(({ login, id }) => ({ login, id })),
      })),
    );
  }
};

/**
 * The GitHub double holding the demo month's GitHub: its installation's repositories, the
 * organisation's config file, teams and members, PR file lists and the PRs of commits. Any app
 * JWT is the app's (the demo signs with a throwaway key); loopback only.
 */
export const startDemoGitHub = async (
  month: Pick<DemoMonth, "api" | "installationId">,
): Promise<GitHubDouble> => {
  const double = await startGitHubDouble();
  seed(double, month);
  return double;
};
