import type { Logger } from "pino";
import type { AppIdentitySource } from "../github/app-identity.js";
import type { Octokit } from "../github/octokit.js";

/** One intended write to GitHub: built first, then performed or (dry run) only logged. */
export type GitHubWrite = {
  route: `${"POST" | "PATCH"} /${string}`;
  params: Record<string, unknown>;
  /** A short phrase for logs: "create check run on acme/web#12". */
  purpose: string;
};

export type WriteOptions = { dryRun: boolean; log: Logger };

/** For a writer that looks for an item it made earlier: who "it" is on GitHub. */
export type EnsureOptions = WriteOptions & { app: AppIdentitySource };

/**
 * Performs a planned write and returns GitHub's answer, or logs the plan and returns null when
 * this is a dry run. The only place Gluework writes to GitHub.
 */
export const performWrite = async (
  octokit: Octokit,
  write: GitHubWrite,
  { dryRun, log }: WriteOptions,
): Promise<Record<string, unknown> | null> => {
  if (dryRun) {
    log.info({ route: write.route, params: write.params }, `dry run: would ${write.purpose}`);
    return null;
  }
  const response = await octokit.request(write.route, write.params);
  log.debug({ route: write.route }, write.purpose);
  return response.data as Record<string, unknown>;
};

export const isNotFound = (error: unknown): boolean => (error as { status?: number }).status === 404;

/** A lookup whose 404 means "there is none yet" (a list endpoint a GitHub stand-in may not serve). */
export const orNoneIfMissing = async <T>(read: () => Promise<T>, none: T): Promise<T> => {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) return none;
    throw error;
  }
};
