import type { IncomingMessage } from "node:http";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { type BodyBudget, readBody } from "../../src/server/read-body.js";

/** A request body arriving in `chunks`, with the headers given. */
const incoming = (headers: Record<string, string> = {}) => {
  const stream = new PassThrough() as PassThrough & { headers: Record<string, string> };
  stream.headers = headers;
  return stream;
};

const asRequest = (stream: PassThrough) => stream as unknown as IncomingMessage;

describe("readBody", () => {
  it("reads a body within the cap and counts it until released", async () => {
    const budget: BodyBudget = { limit: 100, used: 0 };
    const request = incoming();
    const reading = readBody(asRequest(request), 50, budget);
    request.end(Buffer.from("hello"));
    const read = await reading;
    expect(read.ok && Buffer.concat(read.chunks).toString()).toBe("hello");
    expect(budget.used).toBe(5);
    if (read.ok) read.release();
    if (read.ok) read.release();
    expect(budget.used).toBe(0);
  });

  it("refuses a declared length over the cap without reading a byte", async () => {
    const budget: BodyBudget = { limit: 100, used: 0 };
    const request = incoming({ "content-length": "51" });
    const read = await readBody(asRequest(request), 50, budget);
    expect(read).toMatchObject({ ok: false, status: 413 });
    expect(request.listenerCount("data")).toBe(0);
    expect(budget.used).toBe(0);
  });

  it("stops reading a streamed body once it passes the cap, and keeps none of it", async () => {
    const budget: BodyBudget = { limit: 100, used: 0 };
    const request = incoming();
    const reading = readBody(asRequest(request), 50, budget);
    request.write(Buffer.alloc(30));
    request.write(Buffer.alloc(30));
    const read = await reading;
    expect(read).toMatchObject({ ok: false, status: 413 });
    expect(request.listenerCount("data")).toBe(0);
    expect(budget.used).toBe(0);
  });

  it("refuses with 503 a body that would take what all requests hold past the budget", async () => {
    const budget: BodyBudget = { limit: 100, used: 0 };
    const first = incoming();
    const firstReading = readBody(asRequest(first), 80, budget);
    first.write(Buffer.alloc(70));
    const second = incoming();
    const secondReading = readBody(asRequest(second), 80, budget);
    second.write(Buffer.alloc(40));
    expect(await secondReading).toMatchObject({ ok: false, status: 503 });
    first.end();
    const read = await firstReading;
    expect(read.ok).toBe(true);
    expect(budget.used).toBe(70);
  });
});
