/**
 * A second ingest baseline: the bare Probot app, except that each delivery is answered only once
 * its id is committed to PostgreSQL (`DATABASE_URL`), deliveries arriving together sharing one
 * transaction. It is the floor for any app that, like Gluework, answers a delivery only once it
 * is stored: the distance from bare Probot to it is the cost of durability on this machine, the
 * distance from it to Gluework the cost of Gluework's own work.
 */
import postgres from "postgres";
import { run } from "probot";
import { createLogger } from "../src/logger.js";

// Stopped by the benchmark with SIGTERM: exiting (as Gluework's server does) lets `--cpu-prof`
// (BENCH_CPU_PROF) write this server's profile, which a process killed by the signal never does.
process.on("SIGTERM", () => process.exit(0));

const sql = postgres(process.env.DATABASE_URL ?? "", { max: 10, onnotice: () => {} });
await sql`create table if not exists bench_deliveries (id text primary key, event text not null)`;

type Waiting = { id: string; event: string; done: (error?: unknown) => void };
const queue: Waiting[] = [];
let writing = 0;

const pump = () => {
  while (writing < 2 && queue.length > 0) {
    const batch = queue.splice(0, 100);
    writing += 1;
    sql
      .begin(
        (tx) =>
          tx`insert into bench_deliveries ${tx(batch.map(({ id, event }) => ({ id, event })))} on conflict do nothing`,
      )
      .then(
        () => {
          for (const waiting of batch) waiting.done();
        },
        (error) => {
          for (const waiting of batch) waiting.done(error);
        },
      )
      .finally(() => {
        writing -= 1;
        pump();
      });
  }
};

await run(
  (app) => {
    app.onAny(
      (event) =>
        new Promise<void>((resolve, reject) => {
          queue.push({
            id: event.id,
            event: event.name,
            done: (error) => (error ? reject(error) : resolve()),
          });
          pump();
        }),
    );
  },
  { log: createLogger() },
);
