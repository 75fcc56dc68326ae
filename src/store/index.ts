export { connect, type Sql, type Tx } from "./db.js";
export { deleteInstallation } from "./delete-installation.js";
export { type EmbeddedPostgres, startEmbeddedPostgres } from "./embedded.js";
export { migrate } from "./migrate.js";
export { NoStoreError, openStore, type Store, StoreBusyError, type StoreOptions } from "./open-store.js";
export {
  findPullRequestFiles,
  findReadyAt,
  type PullRequestKey,
  savePullRequestFiles,
  saveReadyAt,
} from "./pull-request-files.js";
export { type CreditQuery, type CreditRow, queryCredits } from "./query-credits.js";
export { type Delivery, recordCredits, type SupportWeights } from "./record-credits.js";
export { findCachedConfig, forgetCachedConfig, saveCachedConfig } from "./repo-config-cache.js";
