import { beforeEach, describe, expect, it } from "vitest";
import type { Sql } from "../../src/store/db.js";
import { example, examplesOf, user } from "../helpers/examples.js";
import { mockGitHubReadsGenerously } from "../helpers/github-reads.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { createTestProbot, receive } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";

/** The real `installation.deleted` example removes installation 2; 957387 is another one. */
const deletedPayload = () => {
  const payload = examplesOf("installation").find((candidate) => candidate.action === "deleted");
  if (!payload) throw new Error("no installation.deleted example");
  return payload as Record<string, any>;
};
const GONE = 2;
const KEPT = 957387;

/**
 * Every table of the store that has an `installation_id` column, but the one that remembers
 * which installations were removed (tested in uninstall.test.ts).
 */
const installationTables = async (sql: Sql): Promise<string[]> =>
  (
    await sql<{ table_name: string }[]>`
      select table_name from information_schema.columns
      where table_schema = current_schema() and column_name = 'installation_id'
        and table_name <> 'removed_installations'
      order by table_name
    `
  ).map((row) => row.table_name);

/** Each table's rows of one installation, as JSON text, in a stable order. */
const rowsOf = async (sql: Sql, installationId: number): Promise<Record<string, string[]>> => {
  const result: Record<string, string[]> = {};
  for (const table of await installationTables(sql)) {
    const rows = await sql<{ row: string }[]>`
      select to_jsonb(t)::text as row from ${sql(table)} t where installation_id = ${installationId}
    `;
    result[table] = rows.map((row) => row.row).sort();
  }
  return result;
};

/**
 * A row for `installationId` in every table the deliveries left empty for it (tables written by
 * later features: opt-outs, report claims, commands, …), with a plain value for each required
 * column, so that deletion is checked against every table there is.
 */
/** Columns whose check constraint takes only some values: one of them. */
const CHECKED: Record<string, unknown> = { "teams.privacy": "closed" };

const fillEmptyTables = async (sql: Sql, installationId: number): Promise<void> => {
  for (const table of await installationTables(sql)) {
    const [count] = await sql<{ n: number }[]>`
      select count(*)::int as n from ${sql(table)} where installation_id = ${installationId}
    `;
    if ((count?.n ?? 0) > 0) continue;
    const columns = await sql<{ column_name: string; data_type: string }[]>`
      select column_name, data_type from information_schema.columns
      where table_schema = current_schema() and table_name = ${table}
        and is_nullable = 'NO' and column_default is null
    `;
    const row: Record<string, unknown> = {};
    for (const { column_name: name, data_type: type } of columns) {
      if (name === "installation_id") row[name] = installationId;
      else if (`${table}.${name}` in CHECKED) row[name] = CHECKED[`${table}.${name}`];
      else if (type === "boolean") row[name] = false;
      else if (["integer", "bigint", "smallint", "real", "double precision", "numeric"].includes(type))
        row[name] = 1;
      else if (type === "jsonb" || type === "json") row[name] = sql.json({});
      else if (type.startsWith("timestamp")) row[name] = new Date("2019-05-15T00:00:00Z");
      else row[name] = `${table}-${name}`;
    }
    await sql`insert into ${sql(table)} ${sql(row)}`;
  }
};

/** Real payloads for one installation: they fill the ledger, the caches and the outbox. */
const deliveriesFor = (installationId: number) => {
  const created = example("installation", "created", installationId);
  const reviewed = example("pull_request_review", "submitted", installationId);
  reviewed.review = {
    ...reviewed.review,
    user: user("octoreviewer", 2001),
    state: "approved",
    body: "Nice.",
  };
  const ready = example("pull_request", "ready_for_review", installationId);
  const labeled = example("issues", "labeled", installationId);
  labeled.issue.user = user("octovisitor", 2002);
  labeled.issue.author_association = "NONE";
  return [
    { name: "installation", payload: created },
    { name: "pull_request_review", payload: reviewed },
    { name: "pull_request", payload: ready },
    { name: "issues", payload: labeled },
  ];
};

describe.each(storeKinds())("installation.deleted on %s store", (kind) => {
  const store = useIntegrationStore(kind);
  beforeEach(() => {
    mockGitHubReadsGenerously();
  });

  const populate = async () => {
    const probot = createTestProbot(store.sql);
    for (const installationId of [GONE, KEPT]) {
      for (const [index, delivery] of deliveriesFor(installationId).entries()) {
        await receive(probot, delivery.name, delivery.payload, `${installationId}-${index}`);
      }
      await fillEmptyTables(store.sql, installationId);
    }
    return probot;
  };

  it("removes every row of the installation from every table and leaves another installation's rows alone", async () => {
    const probot = await populate();
    const before = { gone: await rowsOf(store.sql, GONE), kept: await rowsOf(store.sql, KEPT) };
    const tables = Object.keys(before.gone);
    expect(tables).toEqual(
      expect.arrayContaining(["credits", "deliveries", "installations", "repo_configs"]),
    );
    for (const table of tables) {
      expect(before.gone[table]?.length, `${table} rows of installation ${GONE}`).toBeGreaterThan(0);
      expect(before.kept[table]?.length, `${table} rows of installation ${KEPT}`).toBeGreaterThan(0);
    }

    const payload = deletedPayload();
    expect(payload.installation.id).toBe(GONE);
    await receive(probot, "installation", payload);

    const after = await rowsOf(store.sql, GONE);
    expect(after).toEqual(Object.fromEntries(tables.map((table) => [table, []])));
    expect(await rowsOf(store.sql, KEPT)).toEqual(before.kept);
  });

  it("takes a redelivered installation.deleted calmly", async () => {
    const probot = await populate();
    const kept = await rowsOf(store.sql, KEPT);
    await receive(probot, "installation", deletedPayload(), "deleted-1");
    await receive(probot, "installation", deletedPayload(), "deleted-1");
    const after = await rowsOf(store.sql, GONE);
    expect(Object.values(after).flat()).toEqual([]);
    expect(await rowsOf(store.sql, KEPT)).toEqual(kept);
  });

  it("leaves everything alone on other installation events", async () => {
    const probot = await populate();
    const before = { gone: await rowsOf(store.sql, GONE), kept: await rowsOf(store.sql, KEPT) };
    for (const action of ["suspend", "unsuspend", "new_permissions_accepted"]) {
      await receive(probot, "installation", example("installation", action, GONE));
    }
    expect(await rowsOf(store.sql, GONE)).toEqual(before.gone);
    expect(await rowsOf(store.sql, KEPT)).toEqual(before.kept);
  });
});
