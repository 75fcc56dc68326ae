import type { PendingQuery } from "postgres";
import { describe, expect, it } from "vitest";
import { isConnectionLost } from "../../src/store/connection-lost.js";
import { oneTripTransaction } from "../../src/store/one-trip-transaction.js";
import { useTestStore } from "../helpers/integration.js";
import { storeKinds } from "../helpers/stores.js";

describe.each(storeKinds())("a transaction sent in one round trip on %s store", (kind) => {
  const store = useTestStore(kind);

  const count = async (): Promise<number> => {
    const [row] = await store.sql<{ n: number }[]>`select count(*)::int as n from one_trip`;
    return row?.n ?? -1;
  };

  const fresh = async () => {
    await store.sql`drop table if exists one_trip`;
    await store.sql`create table one_trip (n integer primary key, note text)`;
  };

  it("writes every statement, in order, and each statement's promise holds its rows", async () => {
    await fresh();
    // Twice: the first time its texts are new to the connection, the second time prepared.
    for (const [round, base] of [0, 10].entries()) {
      let read: PendingQuery<{ n: number }[]> | null = null;
      await oneTripTransaction(store.sql, (tx) => {
        const inserted = tx<
          { n: number }[]
        >`insert into one_trip (n) values (${base + 1}), (${base + 2}) returning n`;
        read = tx<{ n: number }[]>`select count(*)::int as n from one_trip`;
        return [inserted, tx`update one_trip set note = 'seen' where n = ${base + 1}`, read];
      });
      // Read inside the transaction, after its inserts: this round's two and the earlier round's.
      expect(await read).toEqual([{ n: 2 * (round + 1) }]);
    }
    expect(await store.sql`select n, note from one_trip order by n`).toEqual([
      { n: 1, note: "seen" },
      { n: 2, note: null },
      { n: 11, note: "seen" },
      { n: 12, note: null },
    ]);
  });

  it("writes nothing when a statement fails, rejects with that failure, and leaves the connection usable", async () => {
    await fresh();
    await store.sql`insert into one_trip (n) values (2)`;
    for (const attempt of [1, 2]) {
      const failed = oneTripTransaction(store.sql, (tx) => [
        tx`insert into one_trip (n) values (1)`,
        // A duplicate key: the statements after it are refused, and COMMIT becomes a rollback.
        tx`insert into one_trip (n) values (2)`,
        tx`insert into one_trip (n) values (3)`,
      ]);
      await expect(failed, `attempt ${attempt}`).rejects.toMatchObject({ code: "23505" });
      expect(await count()).toBe(1);
    }
    // Not left inside a failed transaction: the pool's next statements run and commit.
    await store.sql`insert into one_trip (n) values (4)`;
    expect(await count()).toBe(2);
  });

  it("keeps its connection to itself: statements sent meanwhile never run inside it", async () => {
    await fresh();
    const before = Array.from({ length: 50 }, () => store.sql`select 1`.execute());
    const transaction = oneTripTransaction(store.sql, (tx) => [
      tx`select set_config('application_name', 'inside-the-transaction', true)`,
      tx`select pg_sleep(0.05)`,
      tx`insert into one_trip (n) values (1)`,
    ]);
    const outside = Array.from(
      { length: 20 },
      () => store.sql<{ name: string }[]>`select current_setting('application_name') as name`,
    );
    for (const query of outside) query.execute();
    await transaction;
    await Promise.all(before);
    const seen = (await Promise.all(outside)).map(([row]) => row?.name);
    expect(seen.filter((name) => name === "inside-the-transaction")).toEqual([]);
    expect(await count()).toBe(1);
  });
});

describe.skipIf(!process.env.DATABASE_URL)("a transaction sent in one round trip, its connection cut", () => {
  const store = useTestStore("postgres");

  it("rejects as a lost connection, writes nothing, and the pool goes on with a new connection", async () => {
    await store.sql`drop table if exists one_trip`;
    await store.sql`create table one_trip (n integer primary key)`;
    const key = 424242;
    const holder = await store.sql.reserve();
    try {
      await holder`select pg_advisory_lock(${key})`;
      const cut = oneTripTransaction(store.sql, (tx) => [
        tx`insert into one_trip (n) values (1)`,
        tx`select pg_advisory_xact_lock(${key})`,
        tx`insert into one_trip (n) values (2)`,
      ]);
      // Waiting on the lock: end that backend, as a restart or a network cut would.
      const waiting = async (): Promise<number | null> => {
        const [row] = await holder<{ pid: number }[]>`
          select pid from pg_stat_activity where wait_event_type = 'Lock' and query like '%pg_advisory_xact_lock%'
        `;
        return row?.pid ?? null;
      };
      let pid = await waiting();
      while (pid === null) pid = await waiting();
      await holder`select pg_terminate_backend(${pid})`;
      await expect(cut).rejects.toMatchObject({
        code: expect.stringMatching(/^(57P01|CONNECTION_CLOSED|ECONNRESET)$/),
      });
    } finally {
      await holder`select pg_advisory_unlock_all()`;
      holder.release();
    }
    // postgres.js keeps the ended backend's last words: the first statement on that connection,
    // once it reconnects, may fail as lost (a delivery's writer tries such a one once more).
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => store.sql<{ n: number }[]>`select count(*)::int as n from one_trip`),
    );
    const counts = outcomes.flatMap((outcome) =>
      outcome.status === "fulfilled" ? [outcome.value[0]?.n] : [],
    );
    const lost = outcomes.filter(
      (outcome) => outcome.status === "rejected" && isConnectionLost(outcome.reason),
    );
    expect(counts.length + lost.length).toBe(20);
    expect(lost.length).toBeLessThanOrEqual(1);
    expect(counts.every((n) => n === 0)).toBe(true);
    await oneTripTransaction(store.sql, (tx) => [tx`insert into one_trip (n) values (5)`]);
    expect(await store.sql`select n from one_trip`).toEqual([{ n: 5 }]);
  });
});
