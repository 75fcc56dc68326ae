import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readStartOptions, StartError } from "../../src/server/start-options.js";

const rsa = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
}).privateKey;
const ec = generateKeyPairSync("ec", {
  namedCurve: "P-256",
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
}).privateKey;

/** An empty folder as the working folder, so no stray .pem file is picked up. */
const cwd = mkdtempSync(join(tmpdir(), "gluework-start-"));

const startError = (env: NodeJS.ProcessEnv): string => {
  const saved = process.cwd();
  process.chdir(cwd);
  try {
    readStartOptions(env);
  } catch (error) {
    expect(error).toBeInstanceOf(StartError);
    return (error as Error).message;
  } finally {
    process.chdir(saved);
  }
  throw new Error("the start was accepted");
};

describe("readStartOptions: fail closed", () => {
  it("runs Probot's setup wizard only when APP_ID is unset", () => {
    expect(readStartOptions({})).toEqual({ mode: "setup" });
    expect(readStartOptions({ WEBHOOK_SECRET: "s3cret", PRIVATE_KEY: rsa })).toEqual({ mode: "setup" });
    expect(readStartOptions({ APP_ID: "7", WEBHOOK_SECRET: "s3cret", PRIVATE_KEY: rsa })).toMatchObject({
      mode: "app",
      appId: 7,
      secret: "s3cret",
    });
  });

  it("APP_ID without WEBHOOK_SECRET: one line naming the variable", () => {
    const message = startError({ APP_ID: "7", PRIVATE_KEY: rsa });
    expect(message).toContain("WEBHOOK_SECRET");
    expect(message).not.toContain("\n");
  });

  it("never accepts Probot's well-known default secret", () => {
    expect(startError({ APP_ID: "7", WEBHOOK_SECRET: "development", PRIVATE_KEY: rsa })).toMatch(
      /WEBHOOK_SECRET is Probot's well-known default/,
    );
  });

  it.each([
    ["no key at all", {}, "set PRIVATE_KEY or PRIVATE_KEY_PATH"],
    [
      "a key path that does not exist",
      { PRIVATE_KEY_PATH: "/nowhere/app.pem" },
      "PRIVATE_KEY_PATH /nowhere/app.pem cannot be read",
    ],
    ["text that is not PEM", { PRIVATE_KEY: "hunter2" }, "PRIVATE_KEY is not a PEM private key"],
    [
      "a PEM frame around garbage",
      { PRIVATE_KEY: "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----" },
      "PRIVATE_KEY is not a valid RSA private key",
    ],
    ["a key GitHub never issues (EC)", { PRIVATE_KEY: ec }, "PRIVATE_KEY is not a valid RSA private key"],
  ])("APP_ID with %s: one line naming the variable", (_, key, expected) => {
    const message = startError({ APP_ID: "7", WEBHOOK_SECRET: "s3cret", ...key });
    expect(message).toContain(expected);
    expect(message).not.toContain("\n");
  });

  it("reads the key from PRIVATE_KEY_PATH", () => {
    const path = join(cwd, "app.key");
    writeFileSync(path, rsa);
    expect(readStartOptions({ APP_ID: "7", WEBHOOK_SECRET: "s", PRIVATE_KEY_PATH: path })).toMatchObject({
      mode: "app",
      privateKey: rsa,
    });
  });

  it("puts every problem in the one line", () => {
    const message = startError({ APP_ID: "abc" });
    expect(message.split("; ")).toHaveLength(3);
  });

  it("app.yml leaves the webhook URL to Probot's setup flow: no placeholder host receives deliveries", async () => {
    const manifest = await readFile(new URL("../../app.yml", import.meta.url), "utf8");
    expect(manifest).not.toMatch(/^\s*hook_attributes:/m);
    expect(manifest).not.toContain("example.com");
  });
});
