import { getPrivateKey } from "@probot/get-private-key";
import type { Logger } from "pino";
import { Probot } from "probot";
import type { Octokit } from "./octokit.js";
import { GlueworkOctokit } from "./octokit.js";

export class MissingCredentialsError extends Error {}

/**
 * An installation client for the CLI, from the server's own environment: APP_ID,
 * PRIVATE_KEY or PRIVATE_KEY_PATH, and GHE_HOST/GHE_PROTOCOL for another GitHub API.
 */
export const installationClient = async (
  env: NodeJS.ProcessEnv,
  installationId: number,
  log: Logger,
): Promise<Octokit> => {
  const appId = env.APP_ID;
  const privateKey = getPrivateKey({ env });
  if (!appId || !privateKey) {
    throw new MissingCredentialsError(
      "this command acts as the GitHub App: set APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH), as for the server",
    );
  }
  const baseUrl = env.GHE_HOST ? `${env.GHE_PROTOCOL || "https"}://${env.GHE_HOST}/api/v3` : undefined;
  const probot = new Probot({
    appId,
    privateKey,
    log,
    Octokit: GlueworkOctokit,
    ...(baseUrl ? { baseUrl } : {}),
  });
  return probot.auth(installationId);
};
