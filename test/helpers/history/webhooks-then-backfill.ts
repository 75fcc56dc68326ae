import nock from "nock";
import type { Sql } from "../../../src/store/db.js";
import { dependencyRows, ledgerRows } from "../ledger.js";
import { createTestProbot, receive } from "../probot.js";
import { resetStore } from "../stores.js";
import { createGraphqlDouble } from "./graphql-double.js";
import type { History } from "./history-types.js";
import { importHistory } from "./import-history.js";
import { mockHistoryApi } from "./mock-history-api.js";
import { webhookDeliveries } from "./webhook-replay.js";

/**
 * Takes `history` in both ways a month can arrive, so that a test can compare them: first its
 * webhooks, delivered in order (the caller mocks what they read from GitHub), then, in the emptied
 * store and with every mock replaced by the GraphQL double, its backfill since `since`. Delivery
 * ids are `deliveryPrefix-0`, `deliveryPrefix-1`, and so on.
 */
export const webhooksThenBackfill = async (
  store: { sql: Sql },
  history: History,
  since: Date,
  deliveryPrefix: string,
) => {
  const probot = createTestProbot(store.sql);
  for (const [index, delivery] of webhookDeliveries(history).entries()) {
    await receive(probot, delivery.name, delivery.payload, `${deliveryPrefix}-${index}`);
  }
  const webhooks = { ledger: await ledgerRows(store.sql), dependencies: await dependencyRows(store.sql) };
  nock.cleanAll();

  await resetStore(store.sql);
  const double = createGraphqlDouble(history);
  mockHistoryApi(double);
  const outcome = await importHistory(store, history, since);
  return { webhooks, backfill: { outcome, ledger: await ledgerRows(store.sql) }, double };
};
