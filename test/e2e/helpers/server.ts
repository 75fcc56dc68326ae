import { type ChildProcess, spawn } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import type { GitHubDouble } from "./github-double.js";
import type { E2eStore } from "./store.js";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export type AppCredentials = { appId: number; privateKey: string; publicKey: string; webhookSecret: string };

/** A throwaway GitHub App identity: an RSA key made here and a random webhook secret. */
export const createCredentials = (appId = 4242): AppCredentials => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return { appId, privateKey, publicKey, webhookSecret: `whsec-${randomBytes(16).toString("hex")}` };
};

/** A port nothing listens on right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });

/** Variables of this process that would point a child at something other than its own store. */
const INHERITED_OUT =
  /^(DATABASE_URL|GLUEWORK_|APP_ID|PRIVATE_KEY|WEBHOOK_|GHE_|GITHUB_|PORT|HOST|LOG_|NODE_ENV|VITEST)/;

/** The environment the server and the CLI share: the app identity, the double, the store. */
export const appEnv = (
  credentials: AppCredentials,
  double: GitHubDouble,
  store: E2eStore,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !INHERITED_OUT.test(name))),
  APP_ID: String(credentials.appId),
  PRIVATE_KEY: credentials.privateKey,
  WEBHOOK_SECRET: credentials.webhookSecret,
  GHE_HOST: double.host,
  GHE_PROTOCOL: "http",
  LOG_LEVEL: "debug",
  ...store.env,
  ...extra,
});

export type ServerProcess = {
  url: string;
  child: ChildProcess;
  /** Everything the server wrote to stdout and stderr so far. */
  logs: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** SIGTERM, then wait for it to exit; returns the exit code. */
  stop: () => Promise<number | null>;
};

const waitForPing = async (url: string, server: { exitCode: () => number | null; logs: () => string }) => {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (server.exitCode() !== null) {
      throw new Error(
        `the server exited with ${server.exitCode()} before answering /ping:\n${server.logs()}`,
      );
    }
    try {
      const response = await fetch(`${url}/ping`);
      if (response.ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server never answered /ping:\n${server.logs()}`);
};

/**
 * How `npm start` and the Docker image start the server (`test/unit/start-command.test.ts`
 * holds them to it): WebAssembly, the embedded store's PostgreSQL, stays on V8's baseline
 * compiler, whose code takes a fraction of the memory the optimizing compiler's took.
 */
export const SERVER_ARGS = ["--liftoff-only", "dist/main.js"] as const;

/**
 * Starts the real server the way `npm start` does (`SERVER_ARGS`, built by the e2e
 * global setup) on a free port, pointed at the GitHub double and `store`, and waits until it
 * answers GET /ping. `args` runs another entry point with the same environment (the benchmark's
 * bare Probot baseline).
 */
export const startServer = async (options: {
  credentials: AppCredentials;
  double: GitHubDouble;
  store: E2eStore;
  env?: Record<string, string>;
  args?: readonly string[];
  /** The port to listen on (a restarted server keeps its address); a free one by default. */
  port?: number;
}): Promise<ServerProcess> => {
  const port = options.port ?? (await freePort());
  const env = appEnv(options.credentials, options.double, options.store, {
    PORT: String(port),
    HOST: "127.0.0.1",
    ...options.env,
  });
  const child = spawn(process.execPath, options.args ?? SERVER_ARGS, {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const logs = () => output;
  try {
    await waitForPing(url, { exitCode: () => child.exitCode, logs });
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    url,
    child,
    logs,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
};

export type ExitedProcess = { code: number | null; stdout: string; stderr: string };

/**
 * Runs the server as `npm start` does with exactly `env` (plus PATH) until it exits on its own:
 * for starts that must refuse. A start that keeps running is killed after `hangMs` and fails the
 * caller.
 */
export const runServerToExit = (env: Record<string, string>, hangMs = 60_000): Promise<ExitedProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, SERVER_ARGS, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the server kept running instead of refusing to start:\n${stdout}${stderr}`));
    }, hangMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });

/** The resident memory of a process now and at its peak, in bytes, from /proc (Linux). */
export const residentMemory = async (pid: number): Promise<{ now: number; peak: number }> => {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  return { now: kib("VmRSS") * 1024, peak: kib("VmHWM") * 1024 };
};
