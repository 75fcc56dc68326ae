import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type { Sql } from "../../../src/store/db.js";
import { type GitHubDouble, startGitHubDouble } from "./github-double.js";
import { type AppCredentials, appEnv, createCredentials, type ServerProcess, startServer } from "./server.js";
import { createStore, type E2eStore } from "./store.js";

/**
 * Everything one end-to-end scenario runs on: an app identity, the GitHub double, a fresh
 * store, one or more real server processes, a client to inspect the store, and the env the
 * CLI needs to act like the operator of those servers.
 */
export type Stack = {
  credentials: AppCredentials;
  double: GitHubDouble;
  store: E2eStore;
  servers: ServerProcess[];
  server: ServerProcess;
  sql: Sql;
  /** The environment for `gluework` CLI runs against the same store and GitHub. */
  cliEnv: (extra?: Record<string, string>) => NodeJS.ProcessEnv;
  /** Stops the servers (SIGTERM) and returns their exit codes, then removes the store and the double. */
  stop: () => Promise<(number | null)[]>;
};

export const startStack = async (
  options: { replicas?: number; env?: Record<string, string>; args?: readonly string[] } = {},
): Promise<Stack> => {
  const credentials = createCredentials();
  const double = await startGitHubDouble({ appId: credentials.appId, publicKey: credentials.publicKey });
  const store = await createStore();
  const servers: ServerProcess[] = [];
  try {
    for (let i = 0; i < (options.replicas ?? 1); i += 1) {
      servers.push(
        await startServer({
          credentials,
          double,
          store,
          ...(options.env ? { env: options.env } : {}),
          ...(options.args ? { args: options.args } : {}),
        }),
      );
    }
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    await double.stop();
    await store.drop();
    throw error;
  }
  const sql = await store.connect();
  let stopped = false;
  return {
    credentials,
    double,
    store,
    servers,
    server: servers[0] as ServerProcess,
    sql,
    cliEnv: (extra = {}) => appEnv(credentials, double, store, { LOG_LEVEL: "debug", ...extra }),
    stop: async () => {
      if (stopped) return [];
      stopped = true;
      await sql.end({ timeout: 1 });
      const codes = await Promise.all(servers.map((server) => server.stop()));
      await double.stop();
      await store.drop();
      return codes;
    },
  };
};

/** Polls `check` until it returns true; fails after `timeoutMs` (a hang guard, not a speed claim). */
export const eventually = async (
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 90_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

/** How many GitHub writes wait in the outbox (of one installation, or all). */
export const pendingJobs = async (sql: Sql, installationId?: number): Promise<number> => {
  const [row] =
    installationId === undefined
      ? await sql`select count(*)::int as n from outbox`
      : await sql`select count(*)::int as n from outbox where installation_id = ${installationId}`;
  return Number(row?.n ?? 0);
};

/** Activities the classify stage has not taken yet, of one installation or of all. */
const waitingActivities = async (sql: Sql, installationId?: number): Promise<number> => {
  const [row] =
    installationId === undefined
      ? await sql`select count(*)::int as n from activities where classified_at is null`
      : await sql`
          select count(*)::int as n from activities
          where installation_id = ${installationId} and classified_at is null
        `;
  return Number(row?.n ?? 0);
};

/** Waits until every activity is classified and the outbox worker has performed (or given up) every write. */
export const settled = (sql: Sql, installationId?: number, timeoutMs?: number): Promise<void> =>
  eventually(
    "the inbox to be classified and the outbox to drain",
    async () =>
      (await waitingActivities(sql, installationId)) === 0 && (await pendingJobs(sql, installationId)) === 0,
    timeoutMs,
  );

/** Waits until the classify stage has taken every activity in the inbox. */
export const classified = (sql: Sql, timeoutMs?: number): Promise<void> =>
  eventually(
    "the inbox to be classified",
    async () => (await sql`select 1 from activities where classified_at is null limit 1`).length === 0,
    timeoutMs,
  );

/**
 * Row counts of everything stored for an installation, table by table: every table with an
 * `installation_id`, but the one that only remembers that an installation was removed.
 */
export const storedRows = async (sql: Sql, installationId: number): Promise<Record<string, number>> => {
  const tables = await sql<{ tablename: string }[]>`
    select c.table_name as tablename from information_schema.columns c
    join pg_tables t on t.schemaname = c.table_schema and t.tablename = c.table_name
    where c.table_schema = current_schema() and c.column_name = 'installation_id'
      and c.table_name <> 'removed_installations'
    order by c.table_name
  `;
  const counts: Record<string, number> = {};
  for (const { tablename } of tables) {
    const [row] =
      await sql`select count(*)::int as n from ${sql(tablename)} where installation_id = ${installationId}`;
    counts[tablename] = Number(row?.n ?? 0);
  }
  return counts;
};

export const nothingStored = (counts: Record<string, number>): boolean =>
  Object.values(counts).every((n) => n === 0);

/**
 * The stack of a `describe` block: started before its tests, stopped cleanly after them (a server
 * that does not exit 0 fails), and each test fails on a GitHub request the app should not have
 * made. Read it inside tests and hooks, once started.
 */
export const useStack = (): Stack => {
  let started: Stack | undefined;
  beforeAll(async () => {
    started = await startStack();
  });
  afterAll(async () => {
    expect(await started?.stop()).toEqual([0]);
  });
  afterEach(() => {
    expect(started?.double.unexpected).toEqual([]);
  });
  return new Proxy({} as Stack, {
    get: (_, key) => {
      if (!started) throw new Error("the stack is read before it started: use it inside a test or hook");
      return started[key as keyof Stack];
    },
  });
};
