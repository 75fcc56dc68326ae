/** GraphQL's `rateLimit { cost remaining resetAt }`, as every history query asks for it. */
export type RateLimit = { cost: number; remaining: number; resetAt: string };

export type BudgetPolicy = {
  /** Points always left for the app's own webhook work: below this the importer waits for the reset. */
  reserve: number;
  /** Below this many points the importer spreads what is left evenly until the reset. */
  slowBelow: number;
};

export const DEFAULT_BUDGET_POLICY: BudgetPolicy = { reserve: 250, slowBelow: 1000 };

/**
 * How long to wait before the next query, from the last `rateLimit` GitHub reported. Plenty
 * left: no wait. Running low: pace the queries so the rest lasts until `resetAt`. At the
 * reserve: wait until the budget resets (plus a second, for clock skew).
 */
export const waitBeforeNextQuery = (
  last: RateLimit | null,
  now: number,
  policy: BudgetPolicy = DEFAULT_BUDGET_POLICY,
): number => {
  if (!last) return 0;
  const untilReset = Date.parse(last.resetAt) - now;
  if (!Number.isFinite(untilReset) || untilReset <= 0) return 0;
  const cost = Math.max(1, last.cost);
  const spendable = last.remaining - policy.reserve;
  if (spendable < cost) return untilReset + 1000;
  if (last.remaining >= policy.slowBelow) return 0;
  return Math.ceil(untilReset / Math.floor(spendable / cost));
};
