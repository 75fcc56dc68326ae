import { describe, expect, it } from "vitest";
import { useIntegrationStore } from "../helpers/integration.js";
import { storeKinds } from "../helpers/stores.js";

describe.each(storeKinds())("a transaction begun behind many queries in flight on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  it("keeps its connection to itself: a query sent meanwhile never runs inside it", async () => {
    const { sql } = store;
    // 100 queries in flight: with postgres.js's default pipeline of 100, the transaction's BEGIN
    // would be queued behind a full pipeline and lose its connection (porsager/postgres#1189).
    const before = Array.from({ length: 100 }, () => sql`select 1`.execute());
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inside = () => {};
    const entered = new Promise<void>((resolve) => {
      inside = resolve;
    });
    const transaction = sql.begin(async (tx) => {
      await tx`select set_config('application_name', 'inside-the-transaction', true)`;
      inside();
      await held;
      await tx`select 1`;
    });
    await entered;
    // Sent while the transaction is open: they must wait for it, not run inside it.
    const queries = Array.from(
      { length: 20 },
      () => sql<{ name: string }[]>`select current_setting('application_name') as name`,
    );
    for (const query of queries) query.execute();
    release();
    const seen = (await Promise.all(queries)).map(([row]) => row?.name);
    await transaction;
    await Promise.all(before);
    expect(seen.filter((name) => name === "inside-the-transaction")).toEqual([]);
  });
});
