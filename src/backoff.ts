/**
 * The wait before retry number `attempt` (1, 2, …): `baseMs` (1 s), twice that, four times …
 * capped at `capMs`, plus up to `jitter` of it at random so that retries of many failures spread out.
 * The one backoff of the app: outbox jobs, inbox entries, history requests and history runs.
 */
export const backoffMs = (
  attempt: number,
  options: { capMs: number; baseMs?: number; jitter?: number; random?: () => number },
): number => {
  const { capMs, baseMs = 1000, jitter = 0, random = Math.random } = options;
  const base = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 + random() * jitter));
};
