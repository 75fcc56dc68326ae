/**
 * The servers the ingest benchmarks measure, each started as its own process with the e2e
 * harness: the bare Probot baseline, Probot storing each delivery id in PostgreSQL, and Gluework
 * (as `npm start` runs it) on a fresh embedded store or a fresh database on the local PostgreSQL.
 */
import { execFileSync } from "node:child_process";
import type { GitHubDouble } from "../../test/e2e/helpers/github-double.js";
import {
  type AppCredentials,
  ROOT,
  SERVER_ARGS,
  type ServerProcess,
  startServer,
} from "../../test/e2e/helpers/server.js";
import { createStore, type E2eStore } from "../../test/e2e/helpers/store.js";
import type { Mix } from "./mix.js";
import { adminUrl } from "./results.js";

export type TargetKind = "bare" | "durable" | "embedded" | "postgres";

export const TARGET_LABELS: Record<TargetKind, string> = {
  bare: "bare Probot (baseline)",
  durable: "Probot storing each delivery id",
  embedded: "Gluework, embedded store",
  postgres: "Gluework, PostgreSQL",
};

export type Target = { kind: TargetKind; server: ServerProcess; store: E2eStore; stop: () => Promise<void> };

/** Builds dist/ when src/ is newer, as `npm start` does. */
export const ensureBuild = (): void => {
  execFileSync(process.execPath, ["bin/ensure-build.js"], { cwd: ROOT, stdio: "inherit" });
};

export const startTarget = async (
  kind: TargetKind,
  credentials: AppCredentials,
  double: GitHubDouble,
  env: Record<string, string> = {},
): Promise<Target> => {
  const store = await createStore({
    databaseUrl: kind === "postgres" || kind === "durable" ? adminUrl() : null,
    prefix: "gluework_bench",
  });
  try {
    const server = await startServer({
      credentials,
      double,
      store,
      env: { LOG_LEVEL: "info", ...env },
      args: [
        // BENCH_CPU_PROF=<dir>: a V8 CPU profile of each server, written when it stops.
        ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
        ...(kind === "bare" || kind === "durable"
          ? ["--import", "tsx", `bench/${kind}-probot.ts`]
          : SERVER_ARGS),
      ],
    });
    return {
      kind,
      server,
      store,
      stop: async () => {
        await server.stop();
        await store.drop();
      },
    };
  } catch (error) {
    await store.drop();
    throw error;
  }
};

/** Registers a mix's repositories and PRs with the GitHub double, as GitHub would hold them. */
export const registerMix = (double: GitHubDouble, mix: Mix): void => {
  for (const repo of mix.repos) double.addRepo(repo);
  for (const { repo, pull } of mix.pulls) double.addPull(repo, pull);
};
