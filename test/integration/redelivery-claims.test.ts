import { beforeEach, describe, expect, it } from "vitest";
import { deleteInstallation } from "../../src/store/delete-installation.js";
import { claimRedeliveries } from "../../src/store/redelivery-claims.js";
import { useTestStore } from "../helpers/integration.js";
import { resetStore, storeKinds } from "../helpers/stores.js";

const failed = (guid: string, installationId = 1, attemptId = 10) => ({
  installationId,
  guid,
  event: "issues",
  attemptId,
});

describe.each(storeKinds())("redelivery claims on %s store", (kind) => {
  const store = useTestStore(kind);
  beforeEach(async () => {
    await resetStore(store.sql);
  });

  it("hands each failed delivery the inbox lacks to one claimant, once", async () => {
    await store.sql`insert into deliveries (installation_id, delivery_id, event) values (1, 'stored', 'issues')`;
    const candidates = [failed("a"), failed("b"), failed("stored"), failed("app-wide", 0)];
    const [first, second] = await Promise.all([
      claimRedeliveries(store.sql, candidates, "replica-1"),
      claimRedeliveries(store.sql, candidates, "replica-2"),
    ]);
    const guids = [...(first ?? []), ...(second ?? [])].map((claim) => claim.guid).sort();
    expect(guids).toEqual(["a", "app-wide", "b"]);
    expect(await claimRedeliveries(store.sql, candidates, "replica-1")).toEqual([]);
  });

  it("asks again only when GitHub logs a newer failed attempt, and at most three times", async () => {
    expect(await claimRedeliveries(store.sql, [failed("a", 1, 10)], "r")).toHaveLength(1);
    expect(await claimRedeliveries(store.sql, [failed("a", 1, 10)], "r")).toEqual([]);
    expect(await claimRedeliveries(store.sql, [failed("a", 1, 11)], "r")).toHaveLength(1);
    expect(await claimRedeliveries(store.sql, [failed("a", 1, 12)], "r")).toHaveLength(1);
    expect(await claimRedeliveries(store.sql, [failed("a", 1, 13)], "r")).toEqual([]);
  });

  it("claims nothing for an installation that was removed", async () => {
    await deleteInstallation(store.sql, 5);
    expect(await claimRedeliveries(store.sql, [failed("late", 5)], "replica-1")).toEqual([]);
  });
});
