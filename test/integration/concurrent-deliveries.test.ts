import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordCredits } from "../../src/store/record-credits.js";
import type { Credit } from "../../src/vocabulary/credit.js";
import { defaultOrder } from "../helpers/order-rules.js";
import { openTestStore, resetStore, storeKinds, type TestStore } from "../helpers/stores.js";

const answer = (login: string, id: number, at: string): Credit => ({
  installationId: 7,
  repoId: 70,
  repo: "octo-org/widgets",
  repoPrivate: false,
  actorLogin: login,
  actorId: id,
  category: "support",
  rule: "support.answer",
  weight: 0.5,
  subjectType: "issue",
  subjectKey: "octo-org/widgets#1",
  url: `https://github.com/octo-org/widgets/issues/1#issuecomment-${id}`,
  occurredAt: at,
  sourceKey: `comment:${id}`,
});

/**
 * Two deliveries about one item, committed at the same moment by different connections (two
 * replicas, or one server's pool): the order-dependent rules must settle as if they came one
 * after the other. One item has exactly one first response.
 */
describe.each(storeKinds())("concurrent deliveries on %s store", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store.close();
  });

  it("gives an item one first response however its answers race", async () => {
    for (let round = 0; round < 25; round += 1) {
      await resetStore(store.sql);
      // A known installation: its row no longer makes the second delivery wait for the first.
      await store.sql`insert into installations (installation_id) values (7)`;
      await Promise.all([
        recordCredits(
          store.sql,
          { installationId: 7, deliveryId: `a${round}`, event: "issue_comment" },
          [answer("early", 1, "2024-03-04T08:00:00Z")],
          defaultOrder,
        ),
        recordCredits(
          store.sql,
          { installationId: 7, deliveryId: `b${round}`, event: "issue_comment" },
          [answer("late", 2, "2024-03-04T12:00:00Z")],
          defaultOrder,
        ),
      ]);
      const rows = await store.sql<{ actor_login: string; rule: string }[]>`
        select actor_login, rule from credits order by actor_login
      `;
      expect(rows.map((row) => `${row.actor_login} ${row.rule}`)).toEqual([
        "early support.first-response",
        "late support.answer",
      ]);
    }
  });
});
