import merge from "deepmerge";
import type { Octokit } from "./octokit.js";

/** A repository's config as Gluework uses it, and the repository's own file alone. */
export type ConfigFiles = {
  /** The repository's file (else the org's `.github` one), its `_extends` merged in; null when there is none. */
  merged: unknown;
  /** What the repository's own file says, before anything is merged in; null when it has none. */
  own: unknown;
};

/**
 * Reads `.github/<fileName>` as Probot's `context.config` does — the repository's file, else the
 * organisation's `.github` repository's, following `_extends`, deep-merged the same way — and
 * keeps what the repository's own file says, so that settings it may not make can be pointed out.
 */
export const readConfigFiles = async (
  octokit: Octokit,
  repo: { owner: string; name: string },
  fileName: string,
): Promise<ConfigFiles> => {
  const { config, files } = await octokit.config.get({
    owner: repo.owner,
    repo: repo.name,
    path: `.github/${fileName}`,
    defaults: (configs) => merge.all<Record<string, unknown>>([{}, ...configs]),
  });
  const [first] = files;
  const ownFile =
    first &&
    first.owner.toLowerCase() === repo.owner.toLowerCase() &&
    first.repo.toLowerCase() === repo.name.toLowerCase();
  return {
    merged: files.some((file) => file.config !== null) ? config : null,
    own: ownFile ? (first.config ?? null) : null,
  };
};
