import { describe, expect, it } from "vitest";
import { queryCredits } from "../../src/store/query-credits.js";
import { recordCredits } from "../../src/store/record-credits.js";
import { answerOf, creditOf as credit } from "../helpers/credits.js";
import { useTestStore } from "../helpers/integration.js";
import { defaultOrder } from "../helpers/order-rules.js";
import { storeKinds } from "../helpers/stores.js";

const window = { installationId: 1, since: new Date("2026-10-01"), until: new Date("2026-10-31T23:59:59Z") };

describe.each(storeKinds())("ledger on %s store", (kind) => {
  const store = useTestStore(kind);

  it("stores a source key once however often it is recorded", async () => {
    const delivery = { installationId: 1, deliveryId: "d-1", event: "pull_request_review" };
    expect(await recordCredits(store.sql, delivery, [credit({})], defaultOrder)).toBe(1);
    expect(await recordCredits(store.sql, delivery, [credit({})], defaultOrder)).toBe(0);
    const rows = await queryCredits(store.sql, window);
    expect(rows.filter((row) => row.url.endsWith("review-1"))).toHaveLength(1);
  });

  it("keeps the earliest activity of a shared key whatever the arrival order", async () => {
    const later = credit({
      sourceKey: "triage:x",
      rule: "triage.label",
      category: "triage",
      occurredAt: "2026-10-06T12:00:00Z",
      url: "u-late",
    });
    const earlier = credit({
      sourceKey: "triage:x",
      rule: "triage.assign",
      category: "triage",
      occurredAt: "2026-10-06T09:00:00Z",
      url: "u-early",
    });
    await recordCredits(
      store.sql,
      { installationId: 1, deliveryId: "d-2", event: "issues" },
      [later],
      defaultOrder,
    );
    await recordCredits(
      store.sql,
      { installationId: 1, deliveryId: "d-3", event: "issues" },
      [earlier],
      defaultOrder,
    );
    await recordCredits(
      store.sql,
      { installationId: 1, deliveryId: "d-2", event: "issues" },
      [later],
      defaultOrder,
    );
    const rows = (await queryCredits(store.sql, window)).filter((row) => row.category === "triage");
    expect(rows.map((row) => [row.rule, row.url])).toEqual([["triage.assign", "u-early"]]);
  });

  it("makes the earliest member answer the first response, in any order", async () => {
    const answer = (id: number, at: string) => answerOf(id, at);
    await recordCredits(
      store.sql,
      { installationId: 1, deliveryId: "d-4", event: "issue_comment" },
      [answer(2, "2026-10-07T12:00:00Z")],
      defaultOrder,
    );
    await recordCredits(
      store.sql,
      { installationId: 1, deliveryId: "d-5", event: "issue_comment" },
      [answer(1, "2026-10-07T08:00:00Z")],
      defaultOrder,
    );
    const rows = (await queryCredits(store.sql, window)).filter((row) => row.category === "support");
    expect(rows.map((row) => [row.url, row.rule, row.weight])).toEqual([
      ["c-1", "support.first-response", 1],
      ["c-2", "support.answer", 0.5],
    ]);
  });

  it("drops a stale-review credit once an earlier review is known", async () => {
    const subjectKey = "acme/web#20";
    const stale = credit({
      sourceKey: `stale-review:${subjectKey}`,
      rule: "unblock.stale-review",
      category: "unblocking",
      subjectKey,
      occurredAt: "2026-10-10T00:00:00Z",
    });
    const staleReview = credit({ sourceKey: "review:21", subjectKey, occurredAt: "2026-10-10T00:00:00Z" });
    await recordCredits(
      store.sql,
      { installationId: 1, deliveryId: "d-6", event: "pull_request_review" },
      [staleReview, stale],
      defaultOrder,
    );
    let rows = (await queryCredits(store.sql, window)).filter((row) => row.rule === "unblock.stale-review");
    expect(rows).toHaveLength(1);
    const earlyReview = credit({
      sourceKey: "review:20",
      subjectKey,
      occurredAt: "2026-10-08T00:00:00Z",
      actorLogin: "bob",
    });
    await recordCredits(
      store.sql,
      { installationId: 1, deliveryId: "d-7", event: "pull_request_review" },
      [earlyReview],
      defaultOrder,
    );
    rows = (await queryCredits(store.sql, window)).filter((row) => row.rule === "unblock.stale-review");
    expect(rows).toHaveLength(0);
  });

  it("rolls back the whole delivery when one credit cannot be stored", async () => {
    const bad = credit({ sourceKey: "bad", occurredAt: "not a date" });
    await expect(
      recordCredits(
        store.sql,
        { installationId: 1, deliveryId: "d-8", event: "issues" },
        [credit({ sourceKey: "good" }), bad],
        defaultOrder,
      ),
    ).rejects.toThrow();
    const [row] = await store.sql`select count(*)::int as n from deliveries where delivery_id = 'd-8'`;
    expect(row?.n).toBe(0);
    const rows = await store.sql`select 1 from credits where source_key = 'good'`;
    expect(rows).toHaveLength(0);
  });
});
