import { resolve } from "node:path";
import { readDataDirLock, writeDataDirLock } from "./data-dir-lock.js";
import { connect, type Sql } from "./db.js";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "./embedded.js";
import { migrate } from "./migrate.js";

export type Store = { sql: Sql; description: string; close: () => Promise<void> };

export type StoreOptions = {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** `server` serves its embedded Postgres to CLI processes; `cli` reaches a running server's. */
  role: "server" | "cli";
};

export class StoreBusyError extends Error {}

/**
 * Opens the store: `DATABASE_URL` when set; otherwise the embedded
 * Postgres in the data folder, reached over loopback when a server already runs it, or opened
 * here when none does. Migrations are applied before it is returned.
 */
export const openStore = async (options: StoreOptions): Promise<Store> => {
  if (options.databaseUrl) {
    const sql = connect(options.databaseUrl);
    await migrate(sql);
    return { sql, description: "PostgreSQL (DATABASE_URL)", close: () => sql.end({ timeout: 5 }) };
  }
  const dataDir = resolve(options.dataDir);
  const holder = await readDataDirLock(dataDir);
  if (holder?.port && options.role === "cli") {
    const sql = connect(`postgres://postgres@127.0.0.1:${holder.port}/postgres`, { max: 1 });
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
  const embedded: EmbeddedPostgres = await startEmbeddedPostgres(dataDir);
  const unlock = await writeDataDirLock(dataDir, {
    role: options.role,
    port: options.role === "server" ? embedded.port : null,
  });
  const sql = connect(embedded.url, { max: 1 });
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
