import { MultiBar, Presets, type SingleBar } from "cli-progress";
import { CONNECTION_NAMES } from "../backfill/connections.js";
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

/**
 * Progress on a terminal: one bar for repositories and one for the current repository's parts,
 * with pages, items, credits and the rate-limit budget beside it (cli-progress).
 */
const barsView = (repositories: number, stream: NodeJS.WriteStream): ProgressView => {
  const bars = new MultiBar(
    {
      stream,
      hideCursor: true,
      clearOnComplete: false,
      format: "{label} {bar} {value}/{total} {detail}",
      barsize: 24,
      autopadding: true,
    },
    Presets.shades_classic,
  );
  const repos = bars.create(repositories, 0, { label: "repositories", detail: "" });
  let parts: SingleBar | null = null;
  const counts = { pages: 0, items: 0, credits: 0 };
  let rateLimit: RateLimit | null = null;
  const detail = (repo: string) =>
    `${repo} | ${counts.pages} pages | ${counts.items} items | ${counts.credits} credits | ${budget(rateLimit)}`;
  return {
    onRateLimit: (latest) => {
      rateLimit = latest;
    },
    onProgress: (event) => {
      if (event.type === "repository-started") {
        Object.assign(counts, { pages: 0, items: 0, credits: 0 });
        parts ??= bars.create(CONNECTION_NAMES.length, 0, { label: "  history   ", detail: "" });
        parts.update(0, { detail: detail(event.repo) });
      } else if (event.type === "page") {
        counts.pages += 1;
        counts.items += event.items;
        counts.credits += event.credits;
        parts?.update(CONNECTION_NAMES.indexOf(event.connection), { detail: detail(event.repo) });
      } else {
        parts?.update(CONNECTION_NAMES.length, { detail: detail(event.repo) });
        repos.increment(1, {
          detail: event.type === "repository-skipped" ? `${event.repo} skipped` : event.repo,
        });
      }
    },
    stop: () => bars.stop(),
  };
};

/** Progress as plain lines (a pipe, a log file, CI). */
const linesView = (write: (line: string) => void): ProgressView => {
  let rateLimit: RateLimit | null = null;
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
            `${event.repo}: ${event.connection} page, ${event.items} items, ${event.credits} credits, ${event.requests} requests, ${budget(rateLimit)}\n`,
          );
          return;
        case "repository-finished":
          write(
            `${event.repo}: done, ${event.items} items, ${event.credits} credits, ${event.requests} requests\n`,
          );
          return;
        case "repository-skipped":
          write(`${event.repo}: skipped, ${event.reason}\n`);
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
}): ProgressView => (options.tty ? barsView(options.repositories, options.tty) : linesView(options.write));
