import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHealthCheck } from "../../src/server/health-check.js";
import { connect } from "../../src/store/db.js";
import { EMBEDDED_URL } from "../../src/store/embedded.js";
import { openTestStore, type TestStore } from "../helpers/stores.js";

describe("createHealthCheck", () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore("embedded");
  });
  afterAll(() => store.close());

  it("is healthy when the store answers and GitHub accepts the app, and asks GitHub once per cache period", async () => {
    let clock = 0;
    let asked = 0;
    const check = createHealthCheck({
      sql: store.sql,
      readApp: async () => {
        asked += 1;
      },
      cacheMs: 30_000,
      now: () => clock,
    });
    expect(await check()).toEqual({ ok: true });
    clock = 29_999;
    expect(await check()).toEqual({ ok: true });
    expect(asked).toBe(1);
    clock = 30_000;
    await check();
    expect(asked).toBe(2);
  });

  it("says why GitHub refused the app's credentials", async () => {
    const check = createHealthCheck({
      sql: store.sql,
      readApp: async () => {
        throw Object.assign(new Error("A JSON web token could not be decoded"), { status: 401 });
      },
    });
    expect(await check()).toEqual({
      ok: false,
      reason: "GitHub refused the app's credentials (401): check APP_ID and the private key",
    });
  });

  it("is unhealthy when the store does not answer, without asking GitHub", async () => {
    const gone = connect(EMBEDDED_URL, { max: 1, path: "/nonexistent/gluework/.s.PGSQL.5432" });
    let asked = 0;
    const check = createHealthCheck({
      sql: gone,
      readApp: async () => {
        asked += 1;
      },
    });
    try {
      const health = await check();
      expect(health.ok).toBe(false);
      expect(health.ok ? "" : health.reason).toMatch(/^store: /);
      expect(asked).toBe(0);
    } finally {
      await gone.end({ timeout: 0 });
    }
  });

  it("gives up on a GitHub that does not answer, after the bounded wait", async () => {
    const check = createHealthCheck({
      sql: store.sql,
      readApp: (signal) =>
        new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
      timeoutMs: 50,
    });
    expect(await check()).toEqual({ ok: false, reason: "GitHub did not answer within 50 ms" });
  });
});
