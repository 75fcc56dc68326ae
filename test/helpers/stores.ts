import { randomBytes } from "node:crypto";
import { connect, type Sql } from "../../src/store/db.js";
import { startEmbeddedPostgres } from "../../src/store/embedded.js";
import { migrate } from "../../src/store/migrate.js";

export type StoreKind = "embedded" | "postgres";

export type TestStore = {
  kind: StoreKind;
  sql: Sql;
  url: string;
  schema?: string;
  close: () => Promise<void>;
};

/** The stores every storage test runs on: PGlite always, the server in DATABASE_URL when set. */
export const storeKinds = (): StoreKind[] =>
  process.env.DATABASE_URL ? ["embedded", "postgres"] : ["embedded"];

/** A fresh, migrated store: an in-memory PGlite, or a schema of its own on the DATABASE_URL server. */
export const openTestStore = async (kind: StoreKind): Promise<TestStore> => {
  if (kind === "embedded") {
    const embedded = await startEmbeddedPostgres(null);
    const sql = connect(embedded.url, { max: 1, path: embedded.socket });
    await migrate(sql);
    return {
      kind,
      sql,
      url: embedded.url,
      close: async () => {
        await sql.end({ timeout: 1 });
        await embedded.stop();
      },
    };
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const admin = connect(url, { max: 1 });
  await admin`create schema ${admin(schema)}`;
  const sql = connect(url, { max: 4, schema });
  await migrate(sql);
  return {
    kind,
    sql,
    url,
    schema,
    close: async () => {
      await sql.end({ timeout: 1 });
      await admin`drop schema ${admin(schema)} cascade`;
      await admin.end({ timeout: 1 });
    },
  };
};

/** Empties every table of the ledger between tests (all but the migrations record). */
export const resetStore = async (sql: Sql): Promise<void> => {
  const tables = await sql<{ tablename: string }[]>`
    select tablename from pg_tables where schemaname = current_schema() and tablename <> 'schema_migrations'
  `;
  await sql.unsafe(`truncate ${tables.map((table) => `"${table.tablename}"`).join(", ")}`);
};
