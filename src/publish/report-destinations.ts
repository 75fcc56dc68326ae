import type { Logger } from "pino";
import { parseConfig } from "../config/parse-config.js";
import type { Config } from "../config/schema.js";
import type { Octokit } from "../github/octokit.js";

export type InstalledRepo = { fullName: string; name: string; owner: string; private: boolean };

/** Where a monthly report goes, and what it covers. */
export type Destination = {
  repo: string;
  private: boolean;
  /** The organisation, or the single repository the report covers. */
  scope: string;
  /** Set when the report covers only this repository. */
  onlyRepo?: string;
};

export const listInstalledRepos = async (octokit: Octokit): Promise<InstalledRepo[]> => {
  const repos = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, {
    per_page: 100,
  });
  return repos.map((repo) => ({
    fullName: repo.full_name,
    name: repo.name,
    owner: repo.owner.login,
    private: repo.private,
  }));
};

/** The organisation-wide config in `<org>/.github`, or the defaults. */
export const readOrgConfig = async (
  octokit: Octokit,
  repos: InstalledRepo[],
  log: Logger,
): Promise<Config> => {
  const dotGithub = repos.find((repo) => repo.name === ".github");
  if (!dotGithub) return parseConfig({}).config;
  try {
    const { config } = await octokit.config.get({
      owner: dotGithub.owner,
      repo: ".github",
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
  activeRepos: string[],
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
    .filter((repo) => activeRepos.some((active) => active.toLowerCase() === repo.fullName.toLowerCase()))
    .map((repo) => ({
      repo: repo.fullName,
      private: repo.private,
      scope: repo.fullName,
      onlyRepo: repo.fullName,
    }));
};
