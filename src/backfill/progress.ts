import type { ConnectionName } from "./connections.js";
import type { RateLimit } from "./rate-budget.js";

/** What a backfill reports as it goes: the CLI draws it, the server logs it. */
export type BackfillProgress =
  /** `since` is null while it comes from the repository's `backfill.days` (read when the run starts). */
  | { type: "repository-started"; repo: string; since: string | null; resumed: boolean }
  | {
      type: "page";
      repo: string;
      connection: ConnectionName;
      items: number;
      activities: number;
      requests: number;
      rateLimit: RateLimit | null;
    }
  | { type: "repository-finished"; repo: string; items: number; activities: number; requests: number }
  | { type: "repository-skipped"; repo: string; reason: string };

export type ProgressListener = (event: BackfillProgress) => void;
