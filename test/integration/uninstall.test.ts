import { beforeEach, describe, expect, it } from "vitest";
import { connect } from "../../src/store/db.js";
import { deleteInstallation } from "../../src/store/delete-installation.js";
import { recordCommand } from "../../src/store/opt-outs.js";
import { enqueueJobs } from "../../src/store/outbox.js";
import { recordCredits } from "../../src/store/record-credits.js";
import { creditOf } from "../helpers/credits.js";
import { useTestStore } from "../helpers/integration.js";
import { defaultOrder } from "../helpers/order-rules.js";
import { resetStore, storeKinds } from "../helpers/stores.js";

const ACCOUNT = 4_200;

const rowsOf = async (sql: ReturnType<typeof useTestStore>["sql"], installationId: number) => {
  const tables = await sql<{ table_name: string }[]>`
    select table_name from information_schema.columns
    where table_schema = current_schema() and column_name = 'installation_id'
      and table_name <> 'removed_installations'
  `;
  let total = 0;
  for (const { table_name: table } of tables) {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from ${sql(table)} where installation_id = ${installationId}
    `;
    total += row?.n ?? 0;
  }
  return total;
};

describe.each(storeKinds())("uninstalling on %s store", (kind) => {
  const store = useTestStore(kind);
  beforeEach(async () => {
    await resetStore(store.sql);
  });

  const install = (installationId: number) =>
    store.sql`
      insert into installations (installation_id, account_login, account_id)
      values (${installationId}, 'acme', ${ACCOUNT})
    `;

  it("stores nothing for a removed installation afterwards: no credits, jobs, cursors or claims", async () => {
    await install(1);
    await recordCredits(
      store.sql,
      { installationId: 1, deliveryId: "d-1", event: "x" },
      [creditOf({})],
      defaultOrder,
    );
    await deleteInstallation(store.sql, 1);
    expect(await rowsOf(store.sql, 1)).toBe(0);

    // What a backfill or worker that was running at the uninstall goes on to write.
    await recordCredits(
      store.sql,
      { installationId: 1, deliveryId: "d-2", event: "x" },
      [creditOf({ sourceKey: "review:2" })],
      defaultOrder,
    );
    await enqueueJobs(store.sql, [
      { installationId: 1, key: "check-run:acme/web#1", kind: "check-run", payload: {} },
    ]);
    await store.sql`insert into backfill_cursors (installation_id, repo_id, connection) values (1, 10, 'issues')`;
    await store.sql`insert into report_claims (installation_id, period, claimed_by) values (1, '2026-11', 'me')`;
    expect(await rowsOf(store.sql, 1)).toBe(0);

    // Another installation is not affected.
    await recordCredits(
      store.sql,
      { installationId: 2, deliveryId: "d-3", event: "x" },
      [creditOf({ installationId: 2 })],
      defaultOrder,
    );
    expect(await rowsOf(store.sql, 2)).toBeGreaterThan(1);
  });

  it.skipIf(kind === "embedded")(
    "waits for a transaction already writing for the installation, then removes what it wrote",
    async () => {
      const { url, schema } = store.store;
      const writer = connect(url, { max: 1, ...(schema ? { schema } : {}) });
      try {
        let wrote: () => void = () => {};
        const written = new Promise<void>((resolve) => (wrote = resolve));
        let commit: () => void = () => {};
        const committing = new Promise<void>((resolve) => (commit = resolve));
        const inFlight = writer.begin(async (tx) => {
          await tx`insert into deliveries (installation_id, delivery_id, event) values (1, 'late', 'x')`;
          wrote();
          await committing;
          await tx`insert into backfill_cursors (installation_id, repo_id, connection) values (1, 10, 'pulls')`;
        });
        await written;
        const deleting = deleteInstallation(store.sql, 1);
        commit();
        await inFlight;
        await deleting;
        expect(await rowsOf(store.sql, 1)).toBe(0);
      } finally {
        await writer.end({ timeout: 1 });
      }
    },
  );

  it("keeps only the opted-out person's id past an uninstall, and leaves them out of the account's next installation", async () => {
    await install(1);
    await recordCommand(
      store.sql,
      { installationId: 1, commentId: 5, login: "Shy", command: "opt-out", actorId: 77, accountId: ACCOUNT },
      async () => {},
    );
    await deleteInstallation(store.sql, 1);
    expect(await store.sql`select * from account_opt_outs`).toEqual([{ account_id: ACCOUNT, user_id: 77 }]);

    await install(3);
    await recordCredits(
      store.sql,
      { installationId: 3, deliveryId: "d-1", event: "x" },
      [
        creditOf({ installationId: 3, actorLogin: "shy", actorId: 77, sourceKey: "review:1" }),
        creditOf({ installationId: 3, actorLogin: "alice", actorId: 100, sourceKey: "review:2" }),
      ],
      defaultOrder,
    );
    const credited = await store.sql<{ actor_login: string }[]>`select actor_login from credits`;
    expect(credited.map((row) => row.actor_login)).toEqual(["alice"]);

    // Opting back in, in the new installation, counts them again.
    await recordCommand(
      store.sql,
      { installationId: 3, commentId: 6, login: "shy", command: "opt-in", actorId: 77, accountId: ACCOUNT },
      async () => {},
    );
    expect(await store.sql`select * from account_opt_outs`).toEqual([]);
  });
});
