/**
 * How long a webhook delivery may take before it is failed: GitHub gives up on an answer after
 * 10 seconds, and a delivery that is not stored well before then answers 5xx instead, so that
 * GitHub logs it as failed and it is redelivered.
 */
export const DELIVERY_DEADLINE_MS = 7_500;

export class DeadlineError extends Error {}

/** Runs `work`, failing with a DeadlineError if it has not settled within `ms`. */
export const withinDeadline = async <T>(ms: number, what: string, work: () => Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work(), deadline]);
  } finally {
    clearTimeout(timer);
  }
};
