import { resolve } from "node:path";
import { readDataDirLock, writeDataDirLock } from "./data-dir-lock.js";
import { CLI_CONNECT_TIMEOUT_S, CONNECT_TIMEOUT_S, connect, type Sql } from "./db.js";
import { EMBEDDED_URL, type EmbeddedPostgres, holdsStore, startEmbeddedPostgres } from "./embedded.js";
import { migrate } from "./migrate.js";

export type Store = { sql: Sql; description: string; close: () => Promise<void> };

export type StoreOptions = {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** `server` serves its embedded Postgres to CLI processes; `cli` reaches a running server's. */
  role: "server" | "cli";
  /**
   * Whether an embedded store may be created in `dataDir` when none is there (default true).
   * Commands that only read the ledger pass false: an empty new store would only hide a typo.
   */
  create?: boolean;
};

export class StoreBusyError extends Error {}

/** There is no embedded store where the command looked, and it may not create one. */
export class NoStoreError extends Error {}

/**
 * Opens the store: `DATABASE_URL` when set; otherwise the embedded Postgres in the data folder,
 * reached over its owner-only Unix socket when a server already runs it, or opened here when
 * none does. Migrations are applied before it is returned.
 */
export const openStore = async (options: StoreOptions): Promise<Store> => {
  const connectTimeoutS = options.role === "cli" ? CLI_CONNECT_TIMEOUT_S : CONNECT_TIMEOUT_S;
  if (options.databaseUrl) {
    const sql = connect(options.databaseUrl, { connectTimeoutS });
    await migrate(sql);
    return { sql, description: "PostgreSQL (DATABASE_URL)", close: () => sql.end({ timeout: 5 }) };
  }
  const dataDir = resolve(options.dataDir);
  const holder = await readDataDirLock(dataDir);
  if (holder?.socket && options.role === "cli") {
    const sql = connect(EMBEDDED_URL, { max: 1, path: holder.socket, connectTimeoutS });
    return {
      sql,
      description: `embedded store of the running server (pid ${holder.pid})`,
      close: () => sql.end({ timeout: 5 }),
    };
  }
  if (holder) {
    throw new StoreBusyError(
      `the embedded store in ${dataDir} is in use by process ${holder.pid} (${holder.role}); ` +
        "stop it, point GLUEWORK_DATA_DIR elsewhere, or set DATABASE_URL",
    );
  }
  if (options.create === false && !(await holdsStore(dataDir))) {
    throw new NoStoreError(`no store at ${dataDir}: set GLUEWORK_DATA_DIR or DATABASE_URL`);
  }
  const embedded: EmbeddedPostgres = await startEmbeddedPostgres(dataDir);
  const unlock = await writeDataDirLock(dataDir, {
    role: options.role,
    socket: options.role === "server" ? embedded.socket : null,
  });
  const sql = connect(embedded.url, { max: 1, path: embedded.socket });
  try {
    await migrate(sql);
  } catch (error) {
    await sql.end({ timeout: 1 });
    await embedded.stop();
    await unlock();
    throw error;
  }
  return {
    sql,
    description: `embedded store in ${dataDir}`,
    close: async () => {
      await sql.end({ timeout: 5 });
      await embedded.stop();
      await unlock();
    },
  };
};
