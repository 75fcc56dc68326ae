import type { Sql } from "./db.js";

/** One round trip to the store: resolves when it answers. */
export const pingStore = async (sql: Sql): Promise<void> => {
  await sql`select 1`;
};
