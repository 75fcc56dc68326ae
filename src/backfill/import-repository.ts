import type { Config } from "../config/schema.js";
import { type BackfillKey, loadCursors, saveCursor } from "../store/backfill-runs.js";
import type { Sql } from "../store/db.js";
import { CONNECTION_NAMES, type PageContext, readAllMilestones, readHistoryPage } from "./connections.js";
import type { HistoryClient } from "./history-client.js";
import type { HistoryScope } from "./map-refs.js";
import { createPageSizer, type PageSizer } from "./page-sizer.js";
import type { ProgressListener } from "./progress.js";
import { recordHistoryPage } from "./record-page.js";

/** The lease on the repository was taken over (it expired): another replica continues the run. */
export class LeaseLostError extends Error {}

/** The process is stopping: the run stops after the page in flight and resumes later. */
export class BackfillStoppedError extends Error {}

export type ImportRepositoryOptions = {
  sql: Sql;
  client: HistoryClient;
  scope: HistoryScope;
  config: Config;
  /** Extends the run's lease after each page; false means it was lost. */
  renew: (items: number) => Promise<boolean>;
  onProgress?: ProgressListener;
  /** Nodes per page of the outer connections (GitHub allows 100). */
  pageSize?: number;
  /** Aborted when the process stops: the import ends after the page in flight. */
  signal?: AbortSignal;
  /** Sizes pages to GitHub's time limit; shared, it learns from other repositories too. */
  sizer?: PageSizer;
};

/** Items read, activities handed to the classify stage, requests made. */
export type ImportResult = { items: number; activities: number; requests: number };

/**
 * Imports one repository's history within the window, connection by connection and page by
 * page. After each page is recorded its cursor is stored, so a crash loses at most the page in
 * flight, which the next attempt reads again (its activities keep their inbox keys).
 */
export const importRepository = async (options: ImportRepositoryOptions): Promise<ImportResult> => {
  const { sql, client, scope, config } = options;
  const key: BackfillKey = { installationId: scope.installationId, repoId: scope.repo.id };
  const cursors = await loadCursors(sql, key);
  let milestones: ReturnType<PageContext["milestones"]> | null = null;
  const context: PageContext = {
    client,
    scope,
    config,
    pageSize: options.pageSize ?? 100,
    sizer: options.sizer ?? createPageSizer(),
    milestones: () => {
      milestones ??= readAllMilestones(client, scope);
      return milestones;
    },
  };
  const total: ImportResult = { items: 0, activities: 0, requests: 0 };
  for (const connection of CONNECTION_NAMES) {
    let state = cursors.get(connection) ?? { cursor: null, done: false };
    while (!state.done) {
      const page = await readHistoryPage(connection, context, state.cursor);
      const recorded = await recordHistoryPage(sql, scope, page, { connection, cursor: state.cursor });
      state = { cursor: page.endCursor ?? state.cursor, done: page.done };
      await saveCursor(sql, key, connection, state);
      total.items += page.items;
      total.activities += recorded.activities;
      total.requests += page.requests;
      if (options.signal?.aborted) {
        throw new BackfillStoppedError(`stopped during ${scope.repo.fullName}; it resumes from its cursors`);
      }
      if (!(await options.renew(total.items))) {
        throw new LeaseLostError(
          `the backfill lease on ${scope.repo.fullName} was lost; another run continues it`,
        );
      }
      options.onProgress?.({
        type: "page",
        repo: scope.repo.fullName,
        connection,
        items: page.items,
        activities: recorded.activities,
        requests: page.requests,
        rateLimit: client.lastRateLimit(),
      });
    }
  }
  return total;
};
