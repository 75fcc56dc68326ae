import { createServer, type Server, type Socket } from "node:net";
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../src/store/db.js";
import { example, user } from "../helpers/examples.js";
import { useTestStore } from "../helpers/integration.js";
import { createTestProbot, receive } from "../helpers/probot.js";

/** GitHub's patience: after 9 s @octokit/webhooks answers 202 whatever happens next. */
const GITHUB_WAITS_MS = 9_000;

const review = () => {
  const payload = example("pull_request_review", "submitted");
  payload.review.user = user("octoreviewer", 9001);
  payload.review.state = "approved";
  return payload;
};

/** How long `work` took to fail (it must fail). */
const failureAfter = async (work: Promise<unknown>): Promise<number> => {
  const started = Date.now();
  await expect(work).rejects.toThrow();
  return Date.now() - started;
};

beforeAll(() => {
  nock.disableNetConnect();
});
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("a delivery the store cannot take", () => {
  let blackhole: Server;
  let port = 0;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    // Accepts connections and never says a word: a database host that hangs.
    blackhole = createServer((socket) => {
      sockets.add(socket);
    });
    await new Promise<void>((resolve) => blackhole.listen(0, "127.0.0.1", resolve));
    const address = blackhole.address();
    port = typeof address === "object" && address ? address.port : 0;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => blackhole.close(resolve));
  });

  it("fails well before GitHub would take an answer of 202 when the database host hangs", async () => {
    const sql = connect(`postgres://postgres@127.0.0.1:${port}/gluework`, { max: 1 });
    try {
      const probot = createTestProbot(sql);
      const took = await failureAfter(receive(probot, "pull_request_review", review(), "d-hang"));
      expect(took).toBeLessThan(GITHUB_WAITS_MS);
    } finally {
      await sql.end({ timeout: 0 });
    }
  });
});

describe.skipIf(!process.env.DATABASE_URL)("a delivery stuck behind a lock on postgres", () => {
  const store = useTestStore("postgres");

  it("gives up waiting for a row lock well before GitHub's 9 seconds", async () => {
    const payload = review();
    const { url, schema } = store.store;
    const holder = connect(url, { max: 1, ...(schema ? { schema } : {}) });
    try {
      let release: () => void = () => {};
      let locked: () => void = () => {};
      const held = new Promise<void>((resolve) => (locked = resolve));
      const holding = holder.begin(async (tx) => {
        // The same delivery id, written and not yet committed: the inbox's insert must wait for it.
        await tx`
          insert into deliveries (installation_id, delivery_id, event)
          values (${payload.installation.id}, 'd-locked', 'pull_request_review')
        `;
        locked();
        await new Promise<void>((resolve) => (release = resolve));
      });
      await held;
      const probot = createTestProbot(store.sql);
      const took = await failureAfter(receive(probot, "pull_request_review", payload, "d-locked"));
      expect(took).toBeLessThan(GITHUB_WAITS_MS);
      expect(nock.pendingMocks()).toEqual([]);
      release();
      await holding;
    } finally {
      await holder.end({ timeout: 1 });
    }
  });
});
