import { createPrivateKey } from "node:crypto";
import { getPrivateKey } from "@probot/get-private-key";

/** Probot's built-in webhook secret: anyone can sign deliveries with it, so it is never accepted. */
export const PROBOT_DEFAULT_SECRET = "development";

/** What `npm start` runs: Probot's setup wizard (no APP_ID yet), or the app itself. */
export type StartOptions =
  | { mode: "setup" }
  | { mode: "app"; appId: number; privateKey: string; secret: string; baseUrl: string | undefined };

/** A start that cannot go on: the message is one line saying what to set. */
export class StartError extends Error {}

const readPrivateKey = (env: NodeJS.ProcessEnv): { key: string } | { problem: string } => {
  const source = env.PRIVATE_KEY ? "PRIVATE_KEY" : env.PRIVATE_KEY_PATH ? "PRIVATE_KEY_PATH" : null;
  let pem: string | null;
  try {
    pem = getPrivateKey({ env });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      problem:
        source === "PRIVATE_KEY_PATH"
          ? `PRIVATE_KEY_PATH ${env.PRIVATE_KEY_PATH} cannot be read${code ? ` (${code})` : ""}: point it at the app's .pem file`
          : `${source ?? "PRIVATE_KEY"} is not a PEM private key: paste the app's .pem file, or set PRIVATE_KEY_PATH to it`,
    };
  }
  if (!pem) return { problem: "set PRIVATE_KEY or PRIVATE_KEY_PATH to the app's private key (.pem)" };
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== "rsa") throw new Error("not an RSA key");
  } catch {
    return {
      problem: `${source ?? "the .pem file"} is not a valid RSA private key: download a new one from the app's settings page`,
    };
  }
  return { key: pem };
};

/**
 * Reads how to start from the environment, failing closed: with APP_ID set, a webhook secret
 * (never Probot's default) and a readable RSA private key are required; without APP_ID, Probot's
 * setup wizard runs. Every problem found goes into one line of the thrown StartError.
 */
export const readStartOptions = (env: NodeJS.ProcessEnv): StartOptions => {
  if (!env.APP_ID) return { mode: "setup" };
  const problems: string[] = [];
  const appId = Number(env.APP_ID);
  if (!Number.isSafeInteger(appId) || appId <= 0) {
    problems.push("APP_ID must be the GitHub App's numeric id (shown on its settings page)");
  }
  const secret = env.WEBHOOK_SECRET ?? "";
  if (!secret) {
    problems.push("set WEBHOOK_SECRET to the webhook secret in the GitHub App's settings");
  } else if (secret === PROBOT_DEFAULT_SECRET) {
    problems.push(
      `WEBHOOK_SECRET is Probot's well-known default "${PROBOT_DEFAULT_SECRET}": set a random secret, here and in the app's settings`,
    );
  }
  const privateKey = readPrivateKey(env);
  if ("problem" in privateKey) problems.push(privateKey.problem);
  if (problems.length > 0 || !("key" in privateKey)) throw new StartError(problems.join("; "));
  const baseUrl = env.GHE_HOST ? `${env.GHE_PROTOCOL || "https"}://${env.GHE_HOST}/api/v3` : undefined;
  return { mode: "app", appId, privateKey: privateKey.key, secret, baseUrl };
};
