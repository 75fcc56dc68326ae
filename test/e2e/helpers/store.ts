import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, type Sql } from "../../../src/store/db.js";
import { EMBEDDED_URL } from "../../../src/store/embedded.js";

export type E2eStore = {
  kind: "postgres" | "embedded";
  /** The variables that point a server or the CLI at this store. */
  env: Record<string, string>;
  /** For `postgres`: the database's name. */
  database?: string;
  /** A client of its own to inspect the store (embedded: through the running server). */
  connect: () => Promise<Sql>;
  drop: () => Promise<void>;
};

/** Whether the suite runs on a PostgreSQL server (DATABASE_URL) or the embedded store. */
export const onPostgres = (): boolean => Boolean(process.env.DATABASE_URL);

const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

/** Runs `work` with a short-lived client of the DATABASE_URL server (or of `url`). */
export const withAdmin = async <T>(
  work: (admin: Sql) => Promise<T>,
  url = process.env.DATABASE_URL as string,
): Promise<T> => {
  const admin = connect(url, { max: 1 });
  try {
    return await work(admin);
  } finally {
    await admin.end({ timeout: 1 });
  }
};

/**
 * A fresh store for one server: a new database `gluework_e2e_<random>` on the DATABASE_URL
 * server (dropped afterwards), or else an empty data folder for the embedded store. `databaseUrl`
 * chooses instead (null: the embedded store), `prefix` names the database.
 */
export const createStore = async (
  options: { databaseUrl?: string | null; prefix?: string } = {},
): Promise<E2eStore> => {
  const url = options.databaseUrl === undefined ? process.env.DATABASE_URL : options.databaseUrl;
  if (url) {
    const database = `${options.prefix ?? "gluework_e2e"}_${randomBytes(6).toString("hex")}`;
    await withAdmin((admin) => admin.unsafe(`create database ${database}`), url);
    const databaseUrl = withDatabase(url, database);
    return {
      kind: "postgres",
      env: { DATABASE_URL: databaseUrl },
      database,
      connect: async () => connect(databaseUrl, { max: 2 }),
      drop: () =>
        withAdmin(
          async (admin) => void (await admin.unsafe(`drop database if exists ${database} with (force)`)),
          url,
        ),
    };
  }
  const dataDir = await mkdtemp(
    join(tmpdir(), `${(options.prefix ?? "gluework_e2e").replaceAll("_", "-")}-`),
  );
  return {
    kind: "embedded",
    env: { GLUEWORK_DATA_DIR: dataDir },
    connect: async () => {
      const lock = JSON.parse(await readFile(join(dataDir, "gluework.lock.json"), "utf8")) as {
        socket: string;
      };
      return connect(EMBEDDED_URL, { max: 1, path: lock.socket });
    },
    drop: () => rm(dataDir, { recursive: true, force: true }),
  };
};
