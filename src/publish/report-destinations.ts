import type { Logger } from "pino";
import { parseConfig } from "../config/parse-config.js";
import type { Config } from "../config/schema.js";
import type { Octokit } from "../github/octokit.js";

/** A repository of the installation as GitHub describes it now; `internal` counts as private. */
export type InstalledRepo = { id: number; fullName: string; name: string; owner: string; private: boolean };

/** Where a monthly report goes, and what it covers. */
export type Destination = {
  repo: string;
  private: boolean;
  /** The organisation, or the single repository the report covers. */
  scope: string;
  /** Set when the report covers only this repository (by id). */
  onlyRepoId?: number;
  /** Set when the issue is one team's own report (`report.destinations`): the team's slug. */
  team?: string;
};

/** Public is what everyone can read; `internal` (every member of the enterprise) is not. */
export const isPrivate = (repo: { private: boolean; visibility?: string | undefined }): boolean =>
  repo.private || (repo.visibility !== undefined && repo.visibility !== "public");

export const listInstalledRepos = async (octokit: Octokit): Promise<InstalledRepo[]> => {
  const repos = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, {
    per_page: 100,
  });
  return repos.map((repo) => ({
    id: repo.id,
    fullName: repo.full_name,
    name: repo.name,
    owner: repo.owner.login,
    private: isPrivate(repo),
  }));
};

/**
 * The repository whose config sets the installation's report (its destination and day): the
 * organisation's `.github` repository, or the only repository of an installation without one.
 * Never just any repository: each decides only for itself.
 */
export const reportSettingsRepo = (repos: readonly InstalledRepo[]): InstalledRepo | null =>
  repos.find((repo) => repo.name === ".github") ?? (repos.length === 1 ? (repos[0] ?? null) : null);

/** The report's config, from `reportSettingsRepo`, or the defaults. */
export const readOrgConfig = async (
  octokit: Octokit,
  repos: InstalledRepo[],
  log: Logger,
): Promise<Config> => {
  const settings = reportSettingsRepo(repos);
  if (!settings) return parseConfig({}).config;
  try {
    const { config } = await octokit.config.get({
      owner: settings.owner,
      repo: settings.name,
      path: ".github/gluework.yml",
    });
    const parsed = parseConfig(config);
    if (parsed.problems.length > 0)
      log.warn({ problems: parsed.problems }, "org config invalid, using defaults");
    return parsed.config;
  } catch (error) {
    log.warn(
      { err: error instanceof Error ? error.message : String(error) },
      "org config unreadable, using defaults",
    );
    return parseConfig({}).config;
  }
};

export class DestinationError extends Error {}

/**
 * `report.repository` when set; else the organisation's `.github` repository when the app is
 * installed there; else one report per repository that had activity.
 */
export const chooseDestinations = (
  repos: InstalledRepo[],
  config: Config,
  activeRepoIds: readonly number[],
): Destination[] => {
  const owner = repos[0]?.owner ?? "";
  const wanted = config.report.repository;
  if (wanted) {
    const target = repos.find((repo) => repo.fullName.toLowerCase() === wanted.toLowerCase());
    if (!target) {
      throw new DestinationError(
        `report.repository is ${wanted}, but Gluework is not installed on it: install the app there or change the setting`,
      );
    }
    return [{ repo: target.fullName, private: target.private, scope: owner }];
  }
  const dotGithub = repos.find((repo) => repo.name === ".github");
  if (dotGithub) return [{ repo: dotGithub.fullName, private: dotGithub.private, scope: owner }];
  return repos
    .filter((repo) => activeRepoIds.includes(repo.id))
    .map((repo) => ({
      repo: repo.fullName,
      private: repo.private,
      scope: repo.fullName,
      onlyRepoId: repo.id,
    }));
};

/**
 * The teams of `report.destinations` that get an issue of their own: each in a repository the app
 * is installed on that no other report goes to. The others stay in the organisation's issue, and
 * `problems` says why.
 */
export const chooseTeamDestinations = (
  repos: InstalledRepo[],
  config: Config,
  taken: readonly Destination[],
): { destinations: Destination[]; problems: string[] } => {
  const owner = repos[0]?.owner ?? "";
  const used = new Set(taken.map((destination) => destination.repo.toLowerCase()));
  const destinations: Destination[] = [];
  const problems: string[] = [];
  for (const [slug, wanted] of Object.entries(config.report.destinations)) {
    const target = repos.find((repo) => repo.fullName.toLowerCase() === wanted.toLowerCase());
    if (!target) {
      problems.push(`report.destinations.${slug} is ${wanted}, but Gluework is not installed on it`);
    } else if (used.has(target.fullName.toLowerCase())) {
      problems.push(`report.destinations.${slug} is ${wanted}, which already receives another report`);
    } else {
      used.add(target.fullName.toLowerCase());
      destinations.push({ repo: target.fullName, private: target.private, scope: owner, team: slug });
    }
  }
  return { destinations, problems };
};
