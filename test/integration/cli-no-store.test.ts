import { generateKeyPairSync } from "node:crypto";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { openStore } from "../../src/store/open-store.js";

/** The CLI in-process with `env` set over the caller's variables, restored afterwards. */
const run = async (env: Record<string, string | undefined>, ...args: string[]) => {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  const set = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  set(env);
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await main(["node", "gluework", ...args], {
      out: (text) => out.push(text),
      err: (text) => err.push(text),
    });
    return { code, out: out.join(""), err: err.join("") };
  } finally {
    set(saved);
  }
};

const appIdentity = () => ({
  APP_ID: "4242",
  PRIVATE_KEY: generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey,
  PRIVATE_KEY_PATH: undefined,
});

describe("CLI commands that only read the ledger, where there is no store", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "gluework-no-store-"));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("report with a mistyped GLUEWORK_DATA_DIR says so, exits 1 and creates nothing", async () => {
    const typo = join(root, ".glework");
    const { code, out, err } = await run(
      { GLUEWORK_DATA_DIR: typo, DATABASE_URL: undefined },
      "report",
      "--installation",
      "7",
    );
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err).toBe(`gluework: no store at ${typo}: set GLUEWORK_DATA_DIR or DATABASE_URL\n`);
    expect(await readdir(root)).not.toContain(".glework");
  });

  it("report in a folder that exists but holds no store leaves it empty", async () => {
    const empty = join(root, "empty");
    await mkdir(empty);
    const { code, err } = await run(
      { GLUEWORK_DATA_DIR: empty, DATABASE_URL: undefined },
      "report",
      "--installation",
      "7",
      "--format",
      "json",
    );
    expect(code).toBe(1);
    expect(err).toContain(`no store at ${empty}`);
    expect(await readdir(empty)).toEqual([]);
  });

  it("publish --dry-run reads the ledger only, so it does not create a store either", async () => {
    const typo = join(root, "elsewhere");
    const { code, err } = await run(
      { GLUEWORK_DATA_DIR: typo, DATABASE_URL: undefined, ...appIdentity() },
      "publish",
      "--installation",
      "7",
      "--month",
      "2026-10",
      "--dry-run",
    );
    expect(code).toBe(1);
    expect(err).toBe(`gluework: no store at ${typo}: set GLUEWORK_DATA_DIR or DATABASE_URL\n`);
    expect(await readdir(root)).not.toContain("elsewhere");
  });

  it("once a store is there (demo and backfill create one), report reads it", {
    timeout: 120_000,
  }, async () => {
    const fresh = join(root, "filled");
    const store = await openStore({ dataDir: fresh, role: "cli" });
    await store.close();
    const { code, out } = await run(
      { GLUEWORK_DATA_DIR: fresh, DATABASE_URL: undefined },
      "report",
      "--installation",
      "7",
      "--format",
      "json",
    );
    expect(code).toBe(0);
    expect(JSON.parse(out).contributors).toEqual([]);
  });
});
