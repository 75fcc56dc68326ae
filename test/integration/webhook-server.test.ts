import { createHmac } from "node:crypto";
import type { Server } from "node:http";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
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

/** GET `path` of `url` as written (no normalising), over node:http like every request of this file. */
const get = (url: string, path: string): Promise<Sent> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    request({ hostname, port, path }, (response) => {
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
    server = createGlueworkServer({
      app: createApp({ sql: handle.sql, log }),
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

  it("refuses a delivery without GitHub's headers (400) or not sent as JSON (415), storing nothing", async () => {
    const body = JSON.stringify(example("issues", "labeled"));
    const unsigned = await post(url, body, { "x-github-delivery": "h-1", "x-hub-signature-256": "" });
    expect(unsigned.status).toBe(400);
    expect(JSON.parse(unsigned.body)).toEqual({ error: "Required headers missing: x-hub-signature-256" });
    const form = await post(url, body, {
      "x-github-delivery": "h-2",
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(415);
    expect(await delivered("h-1")).toBe(false);
    expect(await delivered("h-2")).toBe(false);
  });

  it("answers 500 when the store cannot take a delivery, logging the error but not the payload", async () => {
    const payload = example("issues", "labeled");
    payload.issue.title = "NOT-TO-BE-LOGGED";
    const body = JSON.stringify(payload);
    await handle.sql`alter table deliveries rename to deliveries_away`;
    try {
      const answer = await post(url, body, { "x-github-delivery": "down-1" });
      expect(answer.status).toBe(500);
      expect(answer.body).not.toContain("deliveries");
      expect(logs).toContainEqual(
        expect.objectContaining({
          level: 50,
          delivery: "down-1",
          msg: "delivery not stored; GitHub will redeliver it",
        }),
      );
      expect(JSON.stringify(logs)).not.toContain("NOT-TO-BE-LOGGED");
    } finally {
      await handle.sql`alter table deliveries_away rename to deliveries`;
    }
    expect(await delivered("down-1")).toBe(false);
  });

  it("finds its paths past a query, trailing slashes and dot segments, and nothing else", async () => {
    for (const path of ["/ping", "/ping?probe=1", "/ping//", "/nope/../ping", "/./ping"]) {
      expect(await get(url, path), path).toEqual({ status: 200, body: "PONG" });
    }
    for (const path of ["/pingx", "/ping/x", "/api/github/webhooks", "//ping"]) {
      expect((await get(url, path)).status, path).toBe(404);
    }
  });

  it("answers GET /healthz 200 or 503 with the reason", async () => {
    expect(await get(url, "/healthz")).toEqual({ status: 200, body: '{"status":"ok"}' });
    health = { ok: false, reason: "store: the store did not answer within 3000 ms" };
    const response = await get(url, "/healthz");
    expect(response.status).toBe(503);
    expect(JSON.parse(response.body)).toEqual({ status: "unavailable", reason: health.reason });
  });
});
