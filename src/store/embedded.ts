import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { serialiseClients } from "./serialise-clients.js";

export type EmbeddedPostgres = {
  /** A postgres:// URL on loopback that any postgres.js client can use. */
  url: string;
  port: number;
  stop: () => Promise<void>;
};

/**
 * Starts a real Postgres in this process (PGlite), persisted in `dataDir` (in memory when
 * null), and serves it on 127.0.0.1 so the same postgres.js code runs against it.
 */
export const startEmbeddedPostgres = async (dataDir: string | null, port = 0): Promise<EmbeddedPostgres> => {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ?? undefined);
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 16 });
  serialiseClients(server);
  await server.start();
  const bound = Number(server.getServerConn().split(":").at(-1));
  return {
    url: `postgres://postgres@127.0.0.1:${bound}/postgres`,
    port: bound,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
};
