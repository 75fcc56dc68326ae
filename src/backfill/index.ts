/**
 * Backfill: GitHub history → the same Activities as webhooks → classify → store.
 *
 * GraphQL pages of up to 100 nodes with their nested lists (continued by batched follow-up
 * queries), a rate-limit budget that waits before it runs dry, retries of transient failures,
 * and cursors in Postgres so a run resumes where it stopped. Runs are queued in
 * `backfill_runs`, whose rows are also the per-repository lock across replicas; the background
 * worker drains them (not the outbox, whose jobs are short GitHub writes a long import would hold up).
 */
export {
  backfillRepositories,
  DEFAULT_REPOSITORIES_AT_ONCE,
  type RepositoryResult,
  type RepositoryTarget,
} from "./backfill-repositories.js";
export { type BackfillWorker, createBackfillWorker } from "./backfill-worker.js";
export { type Clock, systemClock } from "./clock.js";
export { loadBackfillConfig } from "./config-source.js";
export { CONNECTION_NAMES, type ConnectionName } from "./connections.js";
export {
  createHistoryClient,
  type GraphqlFunction,
  type HistoryClient,
  type HistoryOctokit,
  type QueryStats,
} from "./history-client.js";
export { BackfillStoppedError, LeaseLostError } from "./import-repository.js";
export { createPageSizer, type PageSizer } from "./page-sizer.js";
export type { BackfillProgress, ProgressListener } from "./progress.js";
export {
  type BudgetPolicy,
  DEFAULT_BUDGET_POLICY,
  type RateLimit,
  waitBeforeNextQuery,
} from "./rate-budget.js";
export { toRepoRef } from "./repository-ref.js";
export { createRequestGate, type RequestGate } from "./request-gate.js";
export { requestInstallationBackfill } from "./request-installation-backfill.js";
export {
  type BackfillDeps,
  backfillRepository,
  DEFAULT_LEASE_SECONDS,
  type RunOutcome,
  runClaimedBackfill,
} from "./run-backfill.js";
