import { execFile } from "node:child_process";
import { access, chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { serialiseClients } from "./serialise-clients.js";

export type EmbeddedPostgres = {
  /** A postgres:// URL for postgres.js; connect with `path` set to `socket`. */
  url: string;
  /** The Unix socket it is served on, in a folder only this user can enter. */
  socket: string;
  stop: () => Promise<void>;
};

/** The socket file's name: postgres.js and psql look for this name in a socket folder. */
const SOCKET_NAME = ".s.PGSQL.5432";

/** The longest Unix socket path Linux and macOS accept, less a margin. */
const MAX_SOCKET_PATH = 100;

/** The URL that goes with the socket (postgres.js takes the socket as its `path` option). */
export const EMBEDDED_URL = "postgres://postgres@localhost/postgres";

/** Creates `dir` (and its parents) if needed and makes it owner-only (0700). */
export const ownerOnlyFolder = async (dir: string): Promise<void> => {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
};

/**
 * PostgreSQL's buffer cache, inside the WebAssembly memory and resident from the start: PGlite's
 * default, 128MB, is most of what the embedded store adds to the server's memory. A small
 * organisation's ledger is served as well from 16MB (PostgreSQL's own default when no
 * configuration sets one is 8MB), the files behind it being cached by the operating system too.
 */
export const SHARED_BUFFERS = "16MB";

/** Whether `dataDir` holds a PGlite data folder (PostgreSQL writes PG_VERSION first). */
export const holdsStore = (dataDir: string): Promise<boolean> =>
  access(join(dataDir, "PG_VERSION")).then(
    () => true,
    () => false,
  );

/** Run by a child Node process: creates a data folder (initdb) with PGlite, then closes it. */
const CREATE_DATA_DIR = `
const [pglite, dataDir] = process.argv.slice(1);
const { PGlite } = await import(pglite);
const db = await PGlite.create(dataDir);
await db.close();
`;

/**
 * Creates a new data folder in a child process. PGlite's initdb runs in a WebAssembly instance
 * of its own beside the server's, and at its peak the two hold about half a gigabyte more than
 * the server ever needs afterwards; in a child, that memory is given back when it exits, and the
 * server only opens the folder.
 */
const createDataDir = (dataDir: string): Promise<void> =>
  new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--input-type=module", "-e", CREATE_DATA_DIR, import.meta.resolve("@electric-sql/pglite"), dataDir],
      (error, _stdout, stderr) =>
        error
          ? reject(new Error(`could not create the embedded store in ${dataDir}: ${stderr || error.message}`))
          : resolve(),
    );
  });

/**
 * Starts a real Postgres in this process (PGlite), persisted in `dataDir` (in memory when
 * null), and serves it on a Unix socket in the owner-only folder `<dataDir>/run` (a private
 * temporary folder when in memory), so the same postgres.js code runs against it and no other
 * local user can reach it: the socket server asks for no password, the folder's mode is the lock.
 */
export const startEmbeddedPostgres = async (dataDir: string | null): Promise<EmbeddedPostgres> => {
  const runDir = dataDir ? join(dataDir, "run") : await mkdtemp(join(tmpdir(), "gluework-store-"));
  if (dataDir) await ownerOnlyFolder(dataDir);
  await ownerOnlyFolder(runDir);
  const socket = join(runDir, SOCKET_NAME);
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH) {
    throw new Error(
      `the embedded store's socket path ${socket} is too long for the system: choose a shorter GLUEWORK_DATA_DIR`,
    );
  }
  // Left behind by a process that died: whoever starts the store holds the data folder's lock.
  await rm(socket, { force: true });
  if (dataDir && !(await holdsStore(dataDir))) await createDataDir(dataDir);
  const db = await PGlite.create(dataDir ?? undefined, {
    startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${SHARED_BUFFERS}`],
  });
  const server = new PGLiteSocketServer({ db, path: socket, maxConnections: 16 });
  serialiseClients(server);
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    url: EMBEDDED_URL,
    socket,
    stop: async () => {
      await server.stop();
      await db.close();
      await rm(dataDir ? socket : runDir, { recursive: true, force: true });
    },
  };
};
