import { execFile } from "node:child_process";
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store, StoreBusyError } from "../../src/store/open-store.js";

/** The unprivileged account most Linux systems have; connecting as it shows what any other local user can do. */
const NOBODY = 65_534;

/**
 * Tries, as the user `nobody`, to open a connection where the data folder's lock file tells
 * other processes to connect (a socket path, or a loopback port); resolves with what happened.
 */
const connectAsNobody = (lock: Record<string, unknown>): Promise<string> =>
  new Promise((resolve) => {
    const target =
      typeof lock.socket === "string" ? { path: lock.socket } : { host: "127.0.0.1", port: lock.port };
    const script = `require("node:net").connect(${JSON.stringify(target)})
      .on("connect", () => { console.log("connected"); process.exit(0); })
      .on("error", (error) => { console.log(error.code); process.exit(0); });`;
    execFile(process.execPath, ["-e", script], { uid: NOBODY, gid: NOBODY, cwd: "/" }, (error, stdout) => {
      resolve(error ? `failed to run: ${error.message}` : stdout.trim());
    });
  });

describe("the embedded store is private to the user who runs it", () => {
  let parent: string;
  let dataDir: string;
  let server: Store;
  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), "gluework-private-"));
    // The folder around the data folder is open to everyone: only the store's own modes protect it.
    await chmod(parent, 0o755);
    dataDir = join(parent, "store");
    server = await openStore({ dataDir, role: "server" });
  });
  afterAll(async () => {
    await server?.close();
    await rm(parent, { recursive: true, force: true });
  });

  it("keeps its data folder and lock file owner-only", async () => {
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dataDir, "gluework.lock.json"))).mode & 0o777).toBe(0o600);
  });

  it("refuses another local user who follows the lock file", { skip: process.getuid?.() !== 0 }, async () => {
    const lock = JSON.parse(await readFile(join(dataDir, "gluework.lock.json"), "utf8")) as Record<
      string,
      unknown
    >;
    expect(await connectAsNobody(lock)).toBe("EACCES");
  });

  it("still serves the CLI of the same user, from another process", async () => {
    const openStoreModule = new URL("../../src/store/open-store.ts", import.meta.url).href;
    const script = `
      const { openStore } = await import(${JSON.stringify(openStoreModule)});
      const store = await openStore({ dataDir: ${JSON.stringify(dataDir)}, role: "cli" });
      const [row] = await store.sql\`select count(*)::int as n from schema_migrations\`;
      console.log(JSON.stringify({ description: store.description, migrations: row.n }));
      await store.close();
    `;
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ["--import", "tsx", "--input-type=module", "-e", script],
        { env: { ...process.env, DATABASE_URL: "" } },
        (error, out) => (error ? reject(error) : resolve(out)),
      );
    });
    const answer = JSON.parse(stdout.trim()) as { description: string; migrations: number };
    expect(answer.description).toMatch(/^embedded store of the running server/);
    expect(answer.migrations).toBeGreaterThan(0);
  });
});

describe("a data folder held by a server that still serves a TCP port (before the socket)", () => {
  it("is reported busy instead of being opened a second time", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "gluework-legacy-lock-"));
    try {
      // The parent of this test process is alive and is not this process: a live holder.
      await writeFile(
        join(dataDir, "gluework.lock.json"),
        JSON.stringify({ pid: process.ppid, port: 5432, role: "server" }),
      );
      await expect(openStore({ dataDir, role: "cli" })).rejects.toBeInstanceOf(StoreBusyError);
      expect(await readdir(dataDir)).toEqual(["gluework.lock.json"]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
