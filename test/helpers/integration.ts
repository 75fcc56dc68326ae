import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import type { Sql } from "../../src/store/db.js";
import { watchUnmatchedRequests } from "./probot.js";
import { openTestStore, resetStore, type StoreKind, type TestStore } from "./stores.js";

/** The store of a `describe` block; its getters are valid inside tests and hooks, not while collecting. */
export type StoreHandle = {
  readonly store: TestStore;
  readonly sql: Sql;
};

/** Opens a fresh store of `kind` before the block's tests and closes it after them. */
export const useTestStore = (kind: StoreKind): StoreHandle => {
  let opened: TestStore | undefined;
  beforeAll(async () => {
    opened = await openTestStore(kind);
  });
  afterAll(async () => {
    await opened?.close();
  });
  const current = (): TestStore => {
    if (!opened) throw new Error("the test store is open only inside tests and hooks");
    return opened;
  };
  return {
    get store() {
      return current();
    },
    get sql() {
      return current().sql;
    },
  };
};

export type IntegrationOptions = {
  /**
   * Leave unused nock interceptors alone after each test instead of failing it: only for a
   * block whose mocks are deliberately persisted and optional.
   */
  allowPendingMocks?: boolean;
};

/**
 * A store of `kind` for a `describe` block of integration tests, with nock's net connect
 * disabled around the block. Before each test the store is emptied and requests nock had no
 * mock for are watched; after each test every interceptor is removed and the test fails on an
 * unmatched request or (unless `allowPendingMocks`) on a mock no request used. Register the
 * block's own `beforeEach` hooks after calling this: they run after the store is emptied.
 */
export const useIntegrationStore = (
  kind: StoreKind,
  { allowPendingMocks = false }: IntegrationOptions = {},
): StoreHandle => {
  const handle = useTestStore(kind);
  beforeAll(() => {
    nock.disableNetConnect();
  });
  afterAll(() => {
    nock.enableNetConnect();
  });
  let unmatched: ReturnType<typeof watchUnmatchedRequests> | undefined;
  beforeEach(async () => {
    await resetStore(handle.sql);
    unmatched = watchUnmatchedRequests();
  });
  afterEach(() => {
    unmatched?.stop();
    const requests = unmatched?.requests ?? [];
    unmatched = undefined;
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(requests).toEqual([]);
    if (!allowPendingMocks) expect(pending).toEqual([]);
  });
  return handle;
};
