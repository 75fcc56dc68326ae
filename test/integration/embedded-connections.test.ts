import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Sql } from "../../src/store/db.js";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "../../src/store/embedded.js";

/**
 * The embedded store serves one PGlite to several clients (the server's pool, a CLI run). Their
 * extended-protocol batches (Parse/Bind/Execute/Sync) must not interleave: PGlite has a single
 * session, so another client's Parse in the middle of a batch loses the unnamed statement.
 */
describe("the embedded store with several clients", () => {
  let embedded: EmbeddedPostgres;
  let server: Sql;
  let cli: Sql;
  beforeAll(async () => {
    embedded = await startEmbeddedPostgres(null);
    server = connect(embedded.url, { max: 1, path: embedded.socket });
    cli = connect(embedded.url, { max: 1, path: embedded.socket });
    await server`create table t (id int primary key, note text)`;
  });
  afterAll(async () => {
    await server.end({ timeout: 1 });
    await cli.end({ timeout: 1 });
    await embedded.stop();
  });

  it("answers a client's queries while another client runs transactions, each with its own results", async () => {
    const errors: string[] = [];
    const writer = (async () => {
      for (let i = 0; i < 150; i += 1) {
        await server.begin(async (tx) => {
          await tx`insert into t values (${i}, ${"note"})`;
          await tx`select note from t where id = ${i}`;
        });
      }
    })();
    const reader = (async () => {
      for (let i = 0; i < 300; i += 1) {
        try {
          const [row] = await cli`select count(*)::int as n, ${i}::text as asked from t`;
          if (row?.asked !== String(i)) errors.push(`answer of another query: ${JSON.stringify(row)}`);
          if (row && row.n !== 0 && row.n > 150) errors.push(`impossible count ${row.n}`);
        } catch (error) {
          errors.push(String(error));
        }
      }
    })();
    await Promise.all([writer, reader]);
    expect(errors).toEqual([]);
  });

  it("keeps serving after a client disconnects in the middle of its work", async () => {
    const quitter = connect(embedded.url, { max: 1, path: embedded.socket });
    const pending = Promise.allSettled(Array.from({ length: 20 }, (_, i) => quitter`select ${i}::int as n`));
    await quitter.end({ timeout: 0 });
    await pending;
    const [row] = await server`select 42 as n`;
    expect(row?.n).toBe(42);
  });
});
