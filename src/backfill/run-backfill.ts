import type { Logger } from "pino";
import type { ParsedConfig } from "../config/parse-config.js";
import { toIso } from "../events/refs.js";
import {
  type BackfillRun,
  claimBackfill,
  finishBackfill,
  fixBackfillWindow,
  releaseBackfill,
  renewBackfill,
  requestBackfill,
} from "../store/backfill-runs.js";
import type { Sql } from "../store/db.js";
import { saveCachedConfig } from "../store/repo-config-cache.js";
import type { RepoRef } from "../vocabulary/activity.js";
import { type Clock, clockWithHeartbeat, systemClock } from "./clock.js";
import { createHistoryClient, type HistoryOctokit, type QueryStats } from "./history-client.js";
import { type ImportResult, importRepository, LeaseLostError } from "./import-repository.js";
import type { PageSizer } from "./page-sizer.js";
import type { ProgressListener } from "./progress.js";
import type { BudgetPolicy, RateLimit } from "./rate-budget.js";
import { readRepository } from "./repository-ref.js";
import type { RequestGate } from "./request-gate.js";

const DAY_MS = 86_400_000;

/** A lease a little longer than the slowest page, renewed after every page. */
export const DEFAULT_LEASE_SECONDS = 300;

export type BackfillDeps = {
  sql: Sql;
  octokit: HistoryOctokit;
  log: Logger;
  /** Who holds the lease: `host:pid` of this process. */
  holder: string;
  /** The repository's validated config (the cached loader in the server and the CLI). */
  loadConfig: (repo: RepoRef) => Promise<ParsedConfig>;
  clock?: Clock;
  policy?: BudgetPolicy;
  leaseSeconds?: number;
  pageSize?: number;
  onProgress?: ProgressListener;
  onRateLimit?: (rateLimit: RateLimit) => void;
  signal?: AbortSignal;
  /** Shared by repositories imported at once: bounds the requests under way together. */
  gate?: RequestGate;
  /** Shared by repositories imported at once: page sizes learned from each other. */
  sizer?: PageSizer;
};

export type RunOutcome =
  | ({ outcome: "finished"; repo: string; stats: QueryStats } & ImportResult)
  | { outcome: "opted-out"; repo: string };

/**
 * Runs a run whose lease this process holds, to its end: reads the repository and its config,
 * imports its history, and marks the run finished. A failure releases nothing here: the caller
 * decides when the run is due again (the cursors keep what was done).
 */
export const runClaimedBackfill = async (deps: BackfillDeps, run: BackfillRun): Promise<RunOutcome> => {
  const leaseSeconds = deps.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const key = { installationId: run.installationId, repoId: run.repoId };
  let items = 0;
  const renew = (count: number) => {
    items = count;
    return renewBackfill(deps.sql, key, deps.holder, leaseSeconds, count);
  };
  // A wait for the rate-limit reset can outlast the lease: it is renewed while waiting.
  const clock = clockWithHeartbeat(deps.clock ?? systemClock, (leaseSeconds * 1000) / 3, async () => {
    if (!(await renew(items)))
      throw new LeaseLostError(`the backfill lease on ${run.repo} was lost while waiting`);
  });
  const client = createHistoryClient({
    octokit: deps.octokit,
    log: deps.log,
    clock,
    ...(deps.policy ? { policy: deps.policy } : {}),
    ...(deps.onRateLimit ? { onRateLimit: deps.onRateLimit } : {}),
    ...(deps.gate ? { gate: deps.gate } : {}),
  });
  const repo = await readRepository(client, run.repo);
  const parsed = await deps.loadConfig(repo);
  const { config } = parsed;
  // The classify stage classifies this history with the config the import read.
  await saveCachedConfig(deps.sql, run.installationId, repo.id, parsed);
  if (config.opt_out) {
    await finishBackfill(deps.sql, key, deps.holder, 0);
    deps.onProgress?.({
      type: "repository-skipped",
      repo: repo.fullName,
      reason: "opted out in gluework.yml",
    });
    return { outcome: "opted-out", repo: repo.fullName };
  }
  const since = run.since ?? new Date(run.requestedAt.getTime() - config.backfill.days * DAY_MS);
  if (!run.since) await fixBackfillWindow(deps.sql, key, since);
  const result = await importRepository({
    sql: deps.sql,
    client,
    scope: { installationId: run.installationId, repo, since: toIso(since.getTime()) },
    config,
    renew,
    ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
    ...(deps.pageSize ? { pageSize: deps.pageSize } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
    ...(deps.sizer ? { sizer: deps.sizer } : {}),
  });
  await finishBackfill(deps.sql, key, deps.holder, result.items);
  deps.onProgress?.({
    type: "repository-finished",
    repo: repo.fullName,
    items: result.items,
    activities: result.activities,
    requests: result.requests,
  });
  return { outcome: "finished", repo: repo.fullName, stats: client.stats, ...result };
};

/**
 * One repository's backfill in the foreground (the CLI, tests, the benchmark): asks for it,
 * takes its lease, and runs it. Returns null when another process holds the lease, which then
 * finishes the run. A failure leaves the run resumable and is rethrown.
 */
export const backfillRepository = async (
  deps: BackfillDeps,
  target: { installationId: number; repoId: number; repo: string; since: Date | null },
): Promise<RunOutcome | null> => {
  const key = { installationId: target.installationId, repoId: target.repoId };
  const requested = await requestBackfill(deps.sql, { ...key, repo: target.repo, since: target.since });
  const run = await claimBackfill(deps.sql, key, deps.holder, deps.leaseSeconds ?? DEFAULT_LEASE_SECONDS);
  if (!run) {
    deps.onProgress?.({
      type: "repository-skipped",
      repo: target.repo,
      reason: "another process is backfilling it; that run finishes it",
    });
    return null;
  }
  deps.onProgress?.({
    type: "repository-started",
    repo: target.repo,
    since: run.since?.toISOString() ?? null,
    resumed: requested === "resumed",
  });
  try {
    return await runClaimedBackfill(deps, run);
  } catch (error) {
    await releaseBackfill(
      deps.sql,
      key,
      deps.holder,
      0,
      error instanceof Error ? error.message : String(error),
    );
    throw error;
  }
};
