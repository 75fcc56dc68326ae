import type { Sql } from "../store/db.js";
import { pingStore } from "../store/ping.js";

export type Health = { ok: true } | { ok: false; reason: string };

export type HealthCheckOptions = {
  sql: Sql;
  /** Asks GitHub for the app itself (`GET /app` with the app's JWT); throws when it cannot. */
  readApp: (signal: AbortSignal) => Promise<unknown>;
  /** How long the store and GitHub may take to answer. */
  timeoutMs?: number;
  /** How long GitHub's answer is reused: a probe every few seconds costs GitHub nothing. */
  cacheMs?: number;
  now?: () => number;
};

const within = async <T>(ms: number, what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${what} did not answer within ${ms} ms`));
      controller.abort();
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
};

const credentialProblem = (error: unknown): string => {
  const status = (error as { status?: number }).status;
  if (status === 401 || status === 403 || status === 404) {
    return `GitHub refused the app's credentials (${status}): check APP_ID and the private key`;
  }
  return error instanceof Error ? error.message : String(error);
};

/**
 * `GET /healthz`: healthy only when the store answers a query and GitHub accepts the app's
 * credentials, each within `timeoutMs`. GitHub's answer is kept for `cacheMs`, and checks that
 * arrive together share one round.
 */
export const createHealthCheck = ({
  sql,
  readApp,
  timeoutMs = 3_000,
  cacheMs = 30_000,
  now = Date.now,
}: HealthCheckOptions) => {
  let credentials: { at: number; health: Health } | null = null;
  let running: Promise<Health> | null = null;

  const checkCredentials = async (): Promise<Health> => {
    if (credentials && now() - credentials.at < cacheMs) return credentials.health;
    const health: Health = await within(timeoutMs, "GitHub", readApp).then(
      () => ({ ok: true }) as const,
      (error: unknown) => ({ ok: false, reason: credentialProblem(error) }),
    );
    credentials = { at: now(), health };
    return health;
  };

  const check = async (): Promise<Health> => {
    try {
      await within(timeoutMs, "the store", () => pingStore(sql));
    } catch (error) {
      return { ok: false, reason: `store: ${error instanceof Error ? error.message : String(error)}` };
    }
    return checkCredentials();
  };

  return (): Promise<Health> => {
    running ??= check().finally(() => {
      running = null;
    });
    return running;
  };
};

export type HealthCheck = ReturnType<typeof createHealthCheck>;
