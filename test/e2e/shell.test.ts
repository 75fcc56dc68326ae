import { generateKeyPairSync, randomUUID } from "node:crypto";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { example } from "../helpers/examples.js";
import { deliver, sign } from "./helpers/deliver.js";
import { registerMonth, repoOf, retarget } from "./helpers/scenario.js";
import {
  createCredentials,
  residentMemory,
  runServerToExit,
  SERVER_ARGS,
  startServer,
} from "./helpers/server.js";
import { eventually, type Stack, startStack } from "./helpers/stack.js";
import { createStore } from "./helpers/store.js";

const MB = 1024 * 1024;
const INSTALLATION = 701;
const REPO = repoOf(INSTALLATION, 9701, "org-shell", "widgets");

type Answer = number | "reset";

/**
 * POSTs `total` bytes to the webhook path with a wrong signature, streamed from one reused
 * chunk (so this process holds little), with a `content-length` or chunked. Resolves with the
 * status, or "reset" when the server closed the connection before an answer arrived.
 */
const postLarge = (
  url: string,
  total: number,
  { chunked = false, id = randomUUID() } = {},
): Promise<Answer> =>
  new Promise((resolve) => {
    const chunk = Buffer.from(`{"marker":"UNVERIFIED-PAYLOAD","pad":"${"x".repeat(MB)}`.slice(0, MB));
    const target = new URL("/api/github/webhooks", url);
    const outgoing = request(target, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "issues",
        "x-github-delivery": id,
        "x-hub-signature-256": `sha256=${"0".repeat(64)}`,
        ...(chunked ? {} : { "content-length": String(total) }),
      },
    });
    let settled = false;
    const done = (answer: Answer) => {
      if (settled) return;
      settled = true;
      resolve(answer);
    };
    outgoing.on("response", (response) => {
      response.resume();
      done(response.statusCode ?? 0);
    });
    outgoing.on("error", () => done("reset"));
    let sent = 0;
    const pump = () => {
      while (sent < total && !outgoing.destroyed) {
        const size = Math.min(chunk.length, total - sent);
        sent += size;
        if (!outgoing.write(size === chunk.length ? chunk : chunk.subarray(0, size))) {
          outgoing.once("drain", pump);
          return;
        }
      }
      if (!outgoing.destroyed) outgoing.end();
    };
    pump();
  });

/** The server's log lines that mention `text`. */
const linesWith = (stack: Stack, text: string): string[] =>
  stack.server
    .logs()
    .split("\n")
    .filter((line) => line.includes(text));

/** Samples a process's resident memory every 20 ms until stopped; resolves with the highest seen. */
const sampleMemory = (pid: number) => {
  let highest = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      highest = Math.max(highest, (await residentMemory(pid)).now);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return highest;
    },
  };
};

describe("the server shell under hostile input", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ args: ["--max-old-space-size=256", ...SERVER_ARGS] });
    registerMonth(stack.double, REPO);
  });
  afterAll(async () => {
    expect(await stack?.stop()).toEqual([0]);
  });

  it("refuses concurrent oversized and bad-signature bodies without buffering them: no crash, bounded memory, no payload in the logs", async () => {
    const pid = stack.server.child.pid as number;
    const before = await residentMemory(pid);
    const sampler = sampleMemory(pid);
    const url = stack.server.url;
    const oversized = await Promise.all(Array.from({ length: 10 }, () => postLarge(url, 50 * MB)));
    expect(oversized).toEqual(Array.from({ length: 10 }, () => 413));
    const chunked = await Promise.all(
      Array.from({ length: 10 }, () => postLarge(url, 50 * MB, { chunked: true })),
    );
    // Without a length the cap is found while reading; many at once may first meet the budget (503).
    for (const answer of chunked) expect([413, 503, "reset"]).toContain(answer);
    expect(chunked).toContain(413);
    // Under the cap but forged: read within the server's budget for bodies held at once, then refused.
    const forged = await Promise.all(Array.from({ length: 20 }, () => postLarge(url, 24 * MB)));
    for (const answer of forged) expect([401, 503]).toContain(answer);
    expect(forged).toContain(401);

    expect(stack.server.child.exitCode).toBeNull();
    expect((await fetch(`${url}/ping`)).status).toBe(200);
    const highest = await sampler.stop();
    // 40 bodies of 24 to 50 MB came in, 1.5 GB in all: held whole, a few would take hundreds of MB.
    expect(highest - before.now).toBeLessThan(250 * MB);
    expect(stack.server.logs()).not.toContain("UNVERIFIED-PAYLOAD");
    expect(stack.server.logs()).not.toContain("x".repeat(100));
  });

  it("logs a bad signature once, with the delivery id, event and size only", async () => {
    const id = `forged-${randomUUID()}`;
    const payload = retarget(example("issues", "opened"), REPO);
    payload.issue.title = "FORGED-TITLE";
    const answer = await deliver(
      stack.server.url,
      stack.credentials.webhookSecret,
      { id, name: "issues", payload },
      {
        signature: sign("not-the-secret", JSON.stringify(payload)),
      },
    );
    expect(answer.status).toBe(401);
    await eventually("the warning", () => linesWith(stack, id).length > 0);
    const lines = linesWith(stack, id);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ level: 40, delivery: id, event: "issues" });
    expect(stack.server.logs()).not.toContain("FORGED-TITLE");
  });

  it("answers validly signed deliveries it cannot store with 2xx, every time, logged with the reason", async () => {
    const comment = () => retarget(example("issue_comment", "created"), REPO);
    const nul = comment();
    nul.comment.body = "thanks\u0000";
    const surrogate = comment();
    surrogate.comment.body = "thanks \uD83D";
    const stringId = comment();
    stringId.installation.id = String(INSTALLATION);
    const cases = [
      { name: "issue_comment", body: JSON.stringify(nul), reason: "NUL" },
      { name: "issue_comment", body: JSON.stringify(surrogate), reason: "unpaired surrogate" },
      { name: "issue_comment", body: JSON.stringify(stringId), reason: "installation.id" },
      { name: "issues", body: "null", reason: "the body is null" },
      { name: "issues", body: "123", reason: "the body is a number" },
    ];
    for (const { name, body, reason } of cases) {
      const id = `unstorable-${randomUUID()}`;
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const answer = await deliver(
          stack.server.url,
          stack.credentials.webhookSecret,
          { id, name, payload: null },
          {
            rawBody: body,
          },
        );
        expect(answer.status, `${reason}, attempt ${attempt + 1}`).toBe(200);
      }
      await eventually("both warnings", () => linesWith(stack, id).length >= 2);
      const logged = linesWith(stack, id);
      expect(logged).toHaveLength(2);
      expect(JSON.parse(logged[0] as string)).toMatchObject({ delivery: id, event: name });
      expect(JSON.parse(logged[0] as string).reason).toContain(reason);
      expect(await stack.sql`select 1 from deliveries where delivery_id = ${id}`).toEqual([]);
    }
    expect(stack.server.child.exitCode).toBeNull();
  });

  it("GET /healthz is 200 while the store answers and GitHub accepts the app's credentials", async () => {
    const response = await fetch(`${stack.server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(stack.double.requests.some((r) => r.route === "app" && r.status === 200)).toBe(true);
  });

  it("GET /healthz is 503 with a short reason when GitHub refuses the app's key", async () => {
    const store = await createStore({ prefix: "gluework_e2e_health" });
    const stranger = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      publicKeyEncoding: { type: "spki", format: "pem" },
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
    }).privateKey;
    const server = await startServer({
      credentials: { ...stack.credentials, privateKey: stranger },
      double: stack.double,
      store,
    });
    try {
      const response = await fetch(`${server.url}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        status: "unavailable",
        reason: "GitHub refused the app's credentials (401): check APP_ID and the private key",
      });
    } finally {
      expect(await server.stop()).toBe(0);
      await store.drop();
    }
  });
});

describe("a start that cannot be safe refuses", () => {
  const { privateKey } = createCredentials();
  const oneLine = (stderr: string) => stderr.trim().split("\n");

  it("APP_ID without WEBHOOK_SECRET: exit 1, one line naming WEBHOOK_SECRET", async () => {
    const run = await runServerToExit({ APP_ID: "4242", PRIVATE_KEY: privateKey, PORT: "0" });
    expect(run.code).toBe(1);
    expect(oneLine(run.stderr)).toEqual([expect.stringContaining("WEBHOOK_SECRET")]);
  });

  it("APP_ID with a private key path that does not exist: exit 1, one line naming PRIVATE_KEY_PATH", async () => {
    const run = await runServerToExit({
      APP_ID: "4242",
      WEBHOOK_SECRET: "s3cret",
      PRIVATE_KEY_PATH: "/nonexistent/gluework.pem",
      PORT: "0",
    });
    expect(run.code).toBe(1);
    expect(oneLine(run.stderr)).toEqual([expect.stringContaining("PRIVATE_KEY_PATH")]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("APP_ID with a private key that is not one: exit 1, one line naming PRIVATE_KEY", async () => {
    const run = await runServerToExit({
      APP_ID: "4242",
      WEBHOOK_SECRET: "s3cret",
      PRIVATE_KEY: "not a key",
      PORT: "0",
    });
    expect(run.code).toBe(1);
    expect(oneLine(run.stderr)).toEqual([expect.stringContaining("PRIVATE_KEY")]);
  });
});
