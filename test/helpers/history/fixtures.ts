import type { History } from "./history-types.js";
import { generateHistory } from "./synthetic-history.js";

/** A history with nothing in it but what `overrides` asks for (the same seed gives the same history). */
export const smallHistory = (overrides: Partial<Parameters<typeof generateHistory>[0]> = {}): History =>
  generateHistory({
    pullRequests: 0,
    issues: 0,
    commits: 0,
    releases: 0,
    milestones: 0,
    discussions: 0,
    heavyShare: 0,
    ...overrides,
  });

/** The busy month the webhook/history comparisons replay: every kind of activity, a few heavy items. */
export const ledgerMonth = (): History =>
  generateHistory({
    seed: 11,
    pullRequests: 30,
    issues: 24,
    commits: 16,
    discussions: 5,
    heavyShare: 0.06,
    days: 30,
  });
