import { createHmac } from "node:crypto";
import type { Server } from "node:http";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { createGlueworkServer } from "../../src/server/create-server.js";
import type { Health } from "../../src/server/health-check.js";
import { example } from "../helpers/examples.js";
import { mockGitHubReadsGenerously } from "../helpers/github-reads.js";
import { useIntegrationStore } from "../helpers/integration.js";

const SECRET = "integration-secret";
const sign = (body: string) => `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;

type Sent = { status: number; body: string };

/** POSTs `body` (chunked when `chunked`) to the webhook path of `url`. */
const post = (
  url: string,
  body: string,
  headers: Record<string, string> = {},
  chunked = false,
): Promise<Sent> =>
  new Promise((resolve, reject) => {
    const outgoing = request(new URL("/api/github/webhooks", url), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "issues",
        "x-github-delivery": "d-1",
        "x-hub-signature-256": sign(body),
        ...(chunked ? {} : { "content-length": String(Buffer.byteLength(body)) }),
        ...headers,
      },
    });
    outgoing.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
      );
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });

/** GET `path` of `url`, over node:http like every request of this file. */
const get = (url: string, path: string): Promise<Sent> =>
  new Promise((resolve, reject) => {
    request(new URL(path, url), (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
      );
    })
      .on("error", reject)
      .end();
  });

describe("the HTTP server in front of the app", () => {
  const handle = useIntegrationStore("embedded", { allowPendingMocks: true });
  let server: Server;
  let url: string;
  let logs: Record<string, unknown>[];
  let health: Health;

  beforeEach(async () => {
    logs = [];
    health = { ok: true };
    const log = pino(
      { level: "info" },
      { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) },
    );
    const probot = new Probot({
      githubToken: "test-token",
      secret: SECRET,
      log,
      Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
    });
    server = await createGlueworkServer({
      probot,
      app: createApp({ sql: handle.sql }),
      secret: SECRET,
      health: async () => health,
      log,
      maxBytes: 64 * 1024,
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const delivered = async (id: string) =>
    (await handle.sql`select 1 from deliveries where delivery_id = ${id}`).length === 1;

  it("takes a signed delivery within the cap and stores it", async () => {
    mockGitHubReadsGenerously();
    const body = JSON.stringify(example("issues", "labeled"));
    const answer = await post(url, body, { "x-github-delivery": "ok-1" });
    expect(answer.status).toBe(200);
    expect(await delivered("ok-1")).toBe(true);
  });

  it("refuses a body over the cap with 413, by content-length or while it streams", async () => {
    const big = JSON.stringify({ ...example("issues", "labeled"), pad: "x".repeat(70 * 1024) });
    expect((await post(url, big, { "x-github-delivery": "big-1" })).status).toBe(413);
    expect((await post(url, big, { "x-github-delivery": "big-2" }, true)).status).toBe(413);
    expect(await delivered("big-1")).toBe(false);
    expect(await delivered("big-2")).toBe(false);
    const warnings = logs.filter((line) => line.level === 40);
    expect(warnings.map((line) => [line.delivery, line.event])).toEqual([
      ["big-1", "issues"],
      ["big-2", "issues"],
    ]);
    expect(JSON.stringify(logs)).not.toContain("xxxxxxxxxx");
  });

  it("refuses a wrong signature with one warning that carries no payload", async () => {
    const payload = example("issues", "labeled");
    payload.issue.title = "NOT-TO-BE-LOGGED";
    const body = JSON.stringify(payload);
    const answer = await post(url, body, {
      "x-github-delivery": "bad-1",
      "x-hub-signature-256": `sha256=${"0".repeat(64)}`,
    });
    expect(answer.status).toBe(401);
    expect(logs.filter((line) => Number(line.level) >= 40)).toEqual([
      expect.objectContaining({
        level: 40,
        delivery: "bad-1",
        event: "issues",
        bytes: Buffer.byteLength(body),
      }),
    ]);
    expect(JSON.stringify(logs)).not.toContain("NOT-TO-BE-LOGGED");
    expect(await delivered("bad-1")).toBe(false);
  });

  it.each([
    ["null", "null"],
    ["123", "123"],
    [
      "a string installation.id",
      JSON.stringify({ ...example("issues", "labeled"), installation: { id: "1" } }),
    ],
    [
      "a NUL in the title",
      JSON.stringify(example("issues", "labeled")).replace('"title":"', '"title":"\\u0000'),
    ],
    [
      "a lone surrogate",
      JSON.stringify(example("issues", "labeled")).replace('"title":"', '"title":"\\ud800'),
    ],
  ])(
    "answers a signed body it cannot store (%s) with 200 and a logged reason, again on redelivery",
    async (_, body) => {
      for (const attempt of [1, 2]) {
        const answer = await post(url, body, { "x-github-delivery": `odd-${attempt}` });
        expect(answer.status).toBe(200);
      }
      expect(logs.filter((line) => line.msg === "delivery skipped: Gluework cannot store it")).toHaveLength(
        2,
      );
      expect(await delivered("odd-1")).toBe(false);
    },
  );

  it("answers GET /healthz 200 or 503 with the reason", async () => {
    expect(await get(url, "/healthz")).toEqual({ status: 200, body: '{"status":"ok"}' });
    health = { ok: false, reason: "store: the store did not answer within 3000 ms" };
    const response = await get(url, "/healthz");
    expect(response.status).toBe(503);
    expect(JSON.parse(response.body)).toEqual({ status: "unavailable", reason: health.reason });
  });
});
