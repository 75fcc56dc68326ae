import { createPageSizer } from "./page-sizer.js";
import { createRequestGate } from "./request-gate.js";
import { type BackfillDeps, backfillRepository, type RunOutcome } from "./run-backfill.js";

export type RepositoryTarget = { installationId: number; repoId: number; repo: string; since: Date | null };

/** One repository's result: its outcome (null: another process imports it), or why it failed. */
export type RepositoryResult =
  | { repo: string; outcome: RunOutcome | null }
  | { repo: string; error: unknown };

/** Repositories imported at once by default: with the gate's 8 requests, one request each. */
export const DEFAULT_REPOSITORIES_AT_ONCE = 8;

/**
 * Imports several repositories at once (`concurrency` at a time, in the order given), all
 * through one request gate (at most 8 requests under way, a bounded rate per minute) and one
 * page sizer. Each repository keeps its own run, lease and cursors, so a failure leaves just
 * that one to resume; the others go on. Results come back in the order of `targets`.
 */
export const backfillRepositories = async (
  deps: BackfillDeps,
  targets: readonly RepositoryTarget[],
  { concurrency = DEFAULT_REPOSITORIES_AT_ONCE }: { concurrency?: number } = {},
): Promise<RepositoryResult[]> => {
  const shared = { ...deps, gate: deps.gate ?? createRequestGate(), sizer: deps.sizer ?? createPageSizer() };
  const results: RepositoryResult[] = new Array(targets.length);
  let next = 0;
  const work = async () => {
    while (next < targets.length) {
      const index = next;
      next += 1;
      const target = targets[index] as RepositoryTarget;
      try {
        results[index] = { repo: target.repo, outcome: await backfillRepository(shared, target) };
      } catch (error) {
        results[index] = { repo: target.repo, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, targets.length)) }, work));
  return results;
};
