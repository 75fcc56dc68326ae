import { getPrivateKey } from "@probot/get-private-key";
import type { Logger } from "pino";
import { Probot } from "probot";
import { type AppIdentitySource, createAppIdentitySource } from "./app-identity.js";
import type { Octokit } from "./octokit.js";
import { GlueworkOctokit } from "./octokit.js";

export class MissingCredentialsError extends Error {}

/** The app's own Probot, for the CLI, from the server's own environment. */
const appProbot = (env: NodeJS.ProcessEnv, log: Logger): Probot => {
  const appId = env.APP_ID;
  const privateKey = getPrivateKey({ env });
  if (!appId || !privateKey) {
    throw new MissingCredentialsError(
      "this command acts as the GitHub App: set APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH), as for the server",
    );
  }
  const baseUrl = env.GHE_HOST ? `${env.GHE_PROTOCOL || "https"}://${env.GHE_HOST}/api/v3` : undefined;
  return new Probot({
    appId,
    privateKey,
    log,
    Octokit: GlueworkOctokit,
    ...(baseUrl ? { baseUrl } : {}),
  });
};

/**
 * An installation client for the CLI, from the server's own environment: APP_ID,
 * PRIVATE_KEY or PRIVATE_KEY_PATH, and GHE_HOST/GHE_PROTOCOL for another GitHub API.
 */
export const installationClient = async (
  env: NodeJS.ProcessEnv,
  installationId: number,
  log: Logger,
): Promise<Octokit> => appProbot(env, log).auth(installationId);

/** An installation client and the app's identity (read with the app JWT when first needed). */
export const installationClientAndApp = async (
  env: NodeJS.ProcessEnv,
  installationId: number,
  log: Logger,
): Promise<{ octokit: Octokit; app: AppIdentitySource }> => {
  const probot = appProbot(env, log);
  return {
    octokit: await probot.auth(installationId),
    app: createAppIdentitySource(() => probot.auth()),
  };
};
