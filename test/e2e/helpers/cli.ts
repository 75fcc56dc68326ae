import { execFile } from "node:child_process";
import { ROOT } from "./server.js";

export type CliResult = { code: number; stdout: string; stderr: string };

/** Runs `node bin/gluework.js ...args` with `env` (the store, and for publish the app identity). */
export const runCli = (args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      ["bin/gluework.js", ...args],
      { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });

export type ReportItem = { category: string; rule: string; repo: string; url: string; at: string };
export type ReportJson = {
  installation: number;
  since: string;
  until: string;
  contributors: {
    login: string;
    glue: number;
    code: number;
    categories: Record<string, number>;
    teams: string[];
    items: ReportItem[];
  }[];
};

/** `gluework report --installation N --format json` over every date the examples use. */
export const report = async (installationId: number, env: NodeJS.ProcessEnv): Promise<ReportJson> => {
  const result = await runCli(
    [
      "report",
      "--installation",
      String(installationId),
      "--since",
      "2000-01-01",
      "--until",
      "2099-12-31",
      "--format",
      "json",
    ],
    env,
  );
  if (result.code !== 0) throw new Error(`gluework report exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as ReportJson;
};

/** The ledger as sorted `login rule repo` lines: easy to compare and to read in a diff. */
export const ledgerLines = (json: ReportJson): string[] =>
  json.contributors
    .flatMap((person) => person.items.map((item) => `${person.login} ${item.rule} ${item.repo}`))
    .sort();

/** Every field of every item, sorted: two ledgers equal here are the same ledger. */
export const ledgerItems = (json: ReportJson): string[] =>
  json.contributors
    .flatMap((person) => person.items.map((item) => JSON.stringify({ login: person.login, ...item })))
    .sort();
