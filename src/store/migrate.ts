import { readdir, readFile } from "node:fs/promises";
import type { Sql } from "./db.js";

const MIGRATIONS_DIR = new URL("../../migrations/", import.meta.url);

/** An arbitrary constant: replicas starting together apply migrations one at a time. */
const MIGRATION_LOCK = 4_815_162_342;

/**
 * Applies the numbered `migrations/*.sql` files (`011_…`, `011a_…`) not yet recorded, in order, each inside a
 * transaction. Returns the versions it applied.
 */
export const migrate = async (sql: Sql): Promise<string[]> => {
  const files = (await readdir(MIGRATIONS_DIR)).filter((file) => /^\d+[a-z]?_.+\.sql$/.test(file)).sort();
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    await tx`
      create table if not exists schema_migrations (
        version text primary key,
        applied_at timestamptz not null default now()
      )
    `;
    const done = new Set(
      (await tx<{ version: string }[]>`select version from schema_migrations`).map((row) => row.version),
    );
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      await tx.unsafe(await readFile(new URL(file, MIGRATIONS_DIR), "utf8"));
      await tx`insert into schema_migrations (version) values (${file})`;
      applied.push(file);
    }
    return applied;
  });
};
