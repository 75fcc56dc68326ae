import { describe, expect, it } from "vitest";
import type { Sql } from "../../src/store/db.js";
import { createDeliveryWriter } from "../../src/store/delivery-writer.js";
import { queryCredits } from "../../src/store/query-credits.js";
import { type DeliveryRecord, recordDeliveries } from "../../src/store/record-credits.js";
import type { Credit } from "../../src/vocabulary/credit.js";
import { answerOf, creditOf as credit } from "../helpers/credits.js";
import { useTestStore } from "../helpers/integration.js";
import { defaultOrder } from "../helpers/order-rules.js";
import { storeKinds } from "../helpers/stores.js";

const answer = (id: number, login: string, at: string) => answerOf(id, at, login);

/**
 * `sql` counting the transactions begun (each holds a connection of its own: `reserve`), the
 * first `failing.times` of them failing with `failing.error`.
 */
const countingBegins = (
  sql: Sql,
  failing: { error: Error; times: number } = { error: new Error(), times: 0 },
) => {
  let began = 0;
  const counted = new Proxy(sql, {
    get: (target, property, receiver) =>
      property === "reserve"
        ? () => {
            began += 1;
            if (began <= failing.times) return Promise.reject(failing.error);
            return target.reserve();
          }
        : Reflect.get(target, property, receiver),
  });
  return { sql: counted, began: () => began };
};

/**
 * Deliveries whose outcome depends on what the store already holds: one source key twice (the
 * later activity first), two answers on one issue (the later first), a stale-review credit and
 * the earlier review that cancels it, and two views of one PR (merged, then an older head).
 */
const deliveries = (installationId: number): DeliveryRecord[] => {
  const mine = (credits: Credit[]) => credits.map((c) => ({ ...c, installationId }));
  const pr = { installationId, repoId: 10, number: 1, repo: "acme/web", authorLogin: "bob" };
  const record = (
    id: string,
    credits: Credit[],
    effects: DeliveryRecord["effects"] = {},
  ): DeliveryRecord => ({
    delivery: { installationId, deliveryId: id, event: "test" },
    credits: mine(credits),
    order: defaultOrder,
    effects,
  });
  return [
    record("d-1", [
      credit({
        sourceKey: "triage:x",
        rule: "triage.label",
        category: "triage",
        url: "late",
        occurredAt: "2026-10-06T12:00:00Z",
      }),
    ]),
    record("d-2", [answer(2, "carol", "2026-10-07T12:00:00Z")]),
    record(
      "d-3",
      [
        credit({
          sourceKey: "stale-review:1",
          rule: "unblock.stale-review",
          category: "unblocking",
          occurredAt: "2026-10-09T00:00:00Z",
        }),
      ],
      {
        pullRequests: [{ ...pr, headSha: "new", headAt: "2026-10-09T00:00:00Z", merged: true }],
        jobs: [
          {
            installationId,
            key: "check-run:acme/web#1",
            kind: "check-run",
            payload: { repoId: 10, repo: "acme/web", number: 1 },
          },
        ],
      },
    ),
    record("d-4", [
      credit({
        sourceKey: "triage:x",
        rule: "triage.assign",
        category: "triage",
        url: "early",
        occurredAt: "2026-10-06T09:00:00Z",
      }),
    ]),
    record(
      "d-5",
      [
        answer(1, "dave", "2026-10-07T09:00:00Z"),
        credit({ sourceKey: "review:1", occurredAt: "2026-10-08T00:00:00Z" }),
      ],
      {
        pullRequests: [
          { ...pr, headSha: "old", headAt: "2026-10-08T00:00:00Z", merged: false, opened: true },
        ],
        jobs: [
          {
            installationId,
            key: "check-run:acme/web#1",
            kind: "check-run",
            payload: { repoId: 10, repo: "acme/web", number: 1 },
          },
        ],
      },
    ),
  ];
};

const ledger = async (sql: Sql, installationId: number) =>
  (
    await queryCredits(sql, { installationId, since: new Date("2026-10-01"), until: new Date("2026-11-01") })
  ).map((row) => [
    row.actorLogin,
    row.rule,
    row.subjectKey,
    row.url,
    row.weight,
    row.occurredAt.toISOString(),
  ]);

const pullRequests = async (sql: Sql, installationId: number) =>
  sql`
    select number, head_sha, merged, opened_seen, head_at from pull_requests
    where installation_id = ${installationId}
  `.then((rows) => rows.map((row) => ({ ...row })));

const jobs = async (sql: Sql, installationId: number) =>
  sql`select job_key, kind from outbox where installation_id = ${installationId}`.then((rows) =>
    rows.map((row) => ({ ...row })),
  );

describe.each(storeKinds())("deliveries recorded together on %s store", (kind) => {
  const store = useTestStore(kind);

  it("leave the store as the same deliveries recorded one by one do", async () => {
    for (const record of deliveries(1)) await recordDeliveries(store.sql, [record]);
    const fresh = await recordDeliveries(store.sql, deliveries(2));
    expect(await ledger(store.sql, 2)).toEqual(await ledger(store.sql, 1));
    expect(await ledger(store.sql, 2)).toContainEqual([
      "dave",
      "support.first-response",
      "acme/web#9",
      "c-1",
      1,
      "2026-10-07T09:00:00.000Z",
    ]);
    expect((await ledger(store.sql, 2)).map((row) => row[1])).not.toContain("unblock.stale-review");
    expect(await pullRequests(store.sql, 2)).toEqual(await pullRequests(store.sql, 1));
    expect(await pullRequests(store.sql, 2)).toEqual([
      {
        number: 1,
        head_sha: "new",
        merged: true,
        opened_seen: true,
        head_at: new Date("2026-10-09T00:00:00Z"),
      },
    ]);
    expect(await jobs(store.sql, 2)).toEqual([{ job_key: "check-run:acme/web#1", kind: "check-run" }]);
    // The shared source key is new once: counted for the delivery whose activity was kept.
    expect(fresh).toEqual([0, 1, 1, 1, 2]);
    const before = await ledger(store.sql, 2);
    await recordDeliveries(store.sql, deliveries(2));
    expect(await ledger(store.sql, 2)).toEqual(before);
  });

  it("share a transaction when they arrive while one is being written", async () => {
    const counted = countingBegins(store.sql);
    const writer = createDeliveryWriter(counted.sql, { concurrency: 1 });
    const records = Array.from({ length: 20 }, (_, i) => ({
      delivery: { installationId: 3, deliveryId: `burst-${i}`, event: "test" },
      credits: [credit({ installationId: 3, sourceKey: `review:${i}`, url: `u-${i}` })],
      order: defaultOrder,
    }));
    const fresh = await Promise.all(records.map((record) => writer.record(record)));
    expect(fresh).toEqual(records.map(() => 1));
    // The first is written at once; the other nineteen arrive meanwhile and share the next.
    expect(counted.began()).toBe(2);
    expect(await ledger(store.sql, 3)).toHaveLength(20);
  });

  it("are tried once more when the connection was lost, and not when a statement failed", async () => {
    const failing = (error: Error, times: number) => {
      const counted = countingBegins(store.sql, { error, times });
      return { writer: createDeliveryWriter(counted.sql), began: counted.began };
    };
    const record = (id: string) => ({
      delivery: { installationId: 6, deliveryId: id, event: "test" },
      credits: [],
    });
    const lost = Object.assign(new Error("write CONNECTION_CLOSED"), { code: "CONNECTION_CLOSED" });
    const once = failing(lost, 1);
    await expect(once.writer.record(record("lost-once"))).resolves.toBe(0);
    expect(once.began()).toBe(2);
    const twice = failing(lost, 2);
    await expect(twice.writer.record(record("lost-twice"))).rejects.toBe(lost);
    const refused = Object.assign(new Error("value too long"), { code: "22001" });
    const statement = failing(refused, 1);
    await expect(statement.writer.record(record("refused"))).rejects.toBe(refused);
    expect(statement.began()).toBe(1);
    const stored = await store.sql`select delivery_id from deliveries where installation_id = 6`;
    expect(stored.map((row) => row.delivery_id)).toEqual(["lost-once"]);
  });

  it("say when one had to wait behind transactions under way, once", async () => {
    const writer = createDeliveryWriter(store.sql, { concurrency: 2 });
    const record = (id: string) => ({
      delivery: { installationId: 5, deliveryId: id, event: "test" },
      credits: [],
    });
    // One after another: none waits.
    await writer.record(record("alone-1"));
    await writer.record(record("alone-2"));
    expect(writer.deliveriesWaited()).toBe(false);
    // Two transactions take the first two; the third waits for one of them.
    await Promise.all(["burst-1", "burst-2", "burst-3"].map((id) => writer.record(record(id))));
    expect(writer.deliveriesWaited()).toBe(true);
    // Asked again with nothing new: the wait was told once.
    expect(writer.deliveriesWaited()).toBe(false);
  });

  it("fail only the delivery the store refuses when a shared transaction fails", async () => {
    const writer = createDeliveryWriter(store.sql, { concurrency: 1 });
    const record = (id: string, occurredAt: string) => ({
      delivery: { installationId: 4, deliveryId: id, event: "test" },
      credits: [credit({ installationId: 4, sourceKey: `review:${id}`, url: id, occurredAt })],
      order: defaultOrder,
    });
    const results = await Promise.allSettled([
      writer.record(record("first", "2026-10-05T10:00:00Z")),
      writer.record(record("good", "2026-10-05T11:00:00Z")),
      writer.record(record("bad", "not a date")),
      writer.record(record("also-good", "2026-10-05T12:00:00Z")),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
    ]);
    expect((await ledger(store.sql, 4)).map((row) => row[3])).toEqual(["first", "good", "also-good"]);
    const stored =
      await store.sql`select delivery_id from deliveries where installation_id = 4 order by delivery_id`;
    expect(stored.map((row) => row.delivery_id)).toEqual(["also-good", "first", "good"]);
  });

  it("queue a job meant for a merged PR only when the store, their PR state saved, says it is merged", async () => {
    const pr = (number: number, merged: boolean) => ({
      installationId: 5,
      repoId: 10,
      number,
      repo: "acme/web",
      authorLogin: "bob",
      headSha: `head-${number}`,
      merged,
    });
    const comment = (number: number) => ({
      installationId: 5,
      key: `credit-comment:acme/web#${number}`,
      kind: "credit-comment" as const,
      payload: { repoId: 10, repo: "acme/web", number },
    });
    const record = (id: string, effects: DeliveryRecord["effects"]): DeliveryRecord => ({
      delivery: { installationId: 5, deliveryId: id, event: "test" },
      credits: [],
      order: defaultOrder,
      effects,
    });
    await recordDeliveries(store.sql, [
      // Merged by the delivery before it in the same transaction.
      record("merge-1", { pullRequests: [pr(1, true)] }),
      record("comment-1", { jobsOnceMerged: [comment(1)] }),
      // Open, and unknown to the store.
      record("comment-2", { pullRequests: [pr(2, false)], jobsOnceMerged: [comment(2)] }),
      record("comment-3", { jobsOnceMerged: [comment(3)] }),
    ]);
    expect(await jobs(store.sql, 5)).toEqual([
      { job_key: "credit-comment:acme/web#1", kind: "credit-comment" },
    ]);
  });
});
