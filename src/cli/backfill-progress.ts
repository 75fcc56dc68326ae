import { MultiBar, Presets } from "cli-progress";
import type { BackfillProgress } from "../backfill/progress.js";
import type { RateLimit } from "../backfill/rate-budget.js";

export type ProgressView = {
  onProgress: (event: BackfillProgress) => void;
  onRateLimit: (rateLimit: RateLimit) => void;
  stop: () => void;
};

const budget = (rateLimit: RateLimit | null) =>
  rateLimit
    ? `${rateLimit.remaining} points left until ${rateLimit.resetAt.slice(11, 16)} UTC`
    : "budget unknown";

/** Seconds as `4m 05s` (or `37s`). */
export const formatSeconds = (seconds: number): string => {
  const whole = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(whole / 60);
  return minutes > 0 ? `${minutes}m ${String(whole % 60).padStart(2, "0")}s` : `${whole}s`;
};

/** Time left at the pace so far: repositories finished over time spent, for those still to go. */
export const etaSeconds = (finished: number, total: number, elapsedMs: number): number | null =>
  finished === 0 ? null : ((total - finished) * elapsedMs) / finished / 1000;

/**
 * Progress on a terminal: one bar for the repositories (several are imported at once) with the
 * time left at the pace so far, and the pages, items, activities and rate-limit budget beside it
 * (cli-progress).
 */
const barsView = (repositories: number, stream: NodeJS.WriteStream): ProgressView => {
  const bars = new MultiBar(
    {
      stream,
      hideCursor: true,
      clearOnComplete: false,
      format: "{label} {bar} {value}/{total} | ETA {eta} | {detail}",
      barsize: 24,
      autopadding: true,
    },
    Presets.shades_classic,
  );
  const started = Date.now();
  const counts = { importing: 0, finished: 0, pages: 0, items: 0, activities: 0 };
  let rateLimit: RateLimit | null = null;
  const repos = bars.create(repositories, 0, { label: "repositories", eta: "…", detail: "" });
  const redraw = () => {
    const left = etaSeconds(counts.finished, repositories, Date.now() - started);
    repos.update(counts.finished, {
      eta: left === null ? "…" : formatSeconds(left),
      detail: `${counts.importing} importing | ${counts.pages} pages | ${counts.items} items | ${counts.activities} activities | ${budget(rateLimit)}`,
    });
  };
  return {
    onRateLimit: (latest) => {
      rateLimit = latest;
    },
    onProgress: (event) => {
      if (event.type === "repository-started") counts.importing += 1;
      else if (event.type === "page") {
        counts.pages += 1;
        counts.items += event.items;
        counts.activities += event.activities;
      } else {
        if (event.type === "repository-finished") counts.importing -= 1;
        counts.finished += 1;
      }
      redraw();
    },
    stop: () => bars.stop(),
  };
};

/** Progress as plain lines (a pipe, a log file, CI); a finished repository says the time left. */
const linesView = (repositories: number, write: (line: string) => void): ProgressView => {
  let rateLimit: RateLimit | null = null;
  const started = Date.now();
  let finished = 0;
  const left = () => {
    finished += 1;
    const seconds = etaSeconds(finished, repositories, Date.now() - started);
    return seconds === null || finished >= repositories
      ? ""
      : `; ${repositories - finished} to go, about ${formatSeconds(seconds)} left`;
  };
  return {
    onRateLimit: (latest) => {
      rateLimit = latest;
    },
    onProgress: (event) => {
      switch (event.type) {
        case "repository-started":
          write(
            `${event.repo}: ${event.resumed ? "resuming" : "importing"} history since ${event.since ?? "its configured backfill.days"}\n`,
          );
          return;
        case "page":
          write(
            `${event.repo}: ${event.connection} page, ${event.items} items, ${event.activities} activities, ${event.requests} requests, ${budget(rateLimit)}\n`,
          );
          return;
        case "repository-finished":
          write(
            `${event.repo}: done, ${event.items} items, ${event.activities} activities, ${event.requests} requests${left()}\n`,
          );
          return;
        case "repository-skipped":
          write(`${event.repo}: skipped, ${event.reason}${left()}\n`);
          return;
      }
    },
    stop: () => {},
  };
};

export const createProgressView = (options: {
  repositories: number;
  tty: NodeJS.WriteStream | null;
  write: (line: string) => void;
}): ProgressView =>
  options.tty ? barsView(options.repositories, options.tty) : linesView(options.repositories, options.write);
