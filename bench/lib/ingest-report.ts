/**
 * The ingest benchmark's report: a table per server, then one row per figure with its same-run
 * baseline, ratio, target and whether it holds — printed and written to bench/results.json.
 */
import type { CreditLag } from "./credit-lag.js";
import type { Drain } from "./inbox-drain.js";
import type { LoadResult } from "./load.js";
import { fixed, mark, saveSection, table } from "./results.js";
import { TARGET_LABELS, type TargetKind } from "./targets.js";

export type IngestRun = {
  target: TargetKind;
  flatOut: LoadResult;
  fixedRate: LoadResult;
  sampledPeakMb: number;
  kernelPeakMb: number;
  /** Gluework only: the inbox drained after each phase, and the lag from delivery to credit. */
  classify: { afterFlatOut: Drain; afterFixedRate: Drain; lag: CreditLag } | null;
};

export type IngestContext = {
  seconds: number;
  rate: number;
  connections: number;
  bytes: number;
  elapsed: number;
  events: Record<string, number>;
  /** The machine's 1, 5 and 15 minute load averages when the run started and ended. */
  loadAverage: { start: number[]; end: number[] };
};

/** One figure beside its same-run baseline; `holds` is null where there is no target. */
export type FigureRow = {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  holds: boolean | null;
};

export const TARGETS = {
  ofDurable: 0.8,
  p99AtRateMs: 50,
  creditLagP99Ms: 2000,
  drainSeconds: 10,
  postgresPeakRssMb: 250,
  embeddedPeakRssMb: 400,
} as const;

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const ms = (value: number) => `${fixed(value, 0)} ms`;
const times = (value: number, digits = 2) => `${fixed(value, digits)}×`;

const drained = (drain: Drain): string =>
  drain.seconds === null
    ? `not drained: ${drain.waitingLeft.toLocaleString("en")} still waiting`
    : `${fixed(drain.seconds, 1)} s (${drain.waitingAtEnd.toLocaleString("en")} waiting at the end)`;

const slowest = (drains: Drain[]): Drain =>
  drains.find((drain) => drain.seconds === null) ??
  drains.reduce((a, b) => ((b.seconds ?? 0) > (a.seconds ?? 0) ? b : a));

/**
 * A server measured more than once, as one: its throughput the mean of its runs (one run of a
 * server swings by a fifth on a shared machine, and runs of the two servers alternate), every
 * other figure the worst of them. Null when it was not measured.
 */
const combined = (
  runs: readonly IngestRun[],
  kind: IngestRun["target"],
): (IngestRun & { runs: number }) | null => {
  const of = runs.filter((run) => run.target === kind);
  const [first] = of;
  if (!first) return null;
  const classified = of.flatMap((run) => (run.classify ? [run.classify] : []));
  return {
    ...first,
    runs: of.length,
    flatOut: { ...first.flatOut, rate: mean(of.map((run) => run.flatOut.rate)) },
    fixedRate: of.map((run) => run.fixedRate).reduce((a, b) => (b.p99 > a.p99 ? b : a)),
    kernelPeakMb: Math.max(...of.map((run) => run.kernelPeakMb)),
    classify:
      classified.length === 0
        ? null
        : {
            lag: classified.map((c) => c.lag).reduce((a, b) => (b.p99 > a.p99 ? b : a)),
            afterFlatOut: slowest(classified.map((c) => c.afterFlatOut)),
            afterFixedRate: slowest(classified.map((c) => c.afterFixedRate)),
          },
  };
};

/** " (mean of 2 runs)" where a server was measured more than once. */
const meanOf = (runs: number): string => (runs > 1 ? ` (mean of ${runs} runs)` : "");

/** The figures, each beside its baseline: the rows of docs/performance.md's table. */
export const figureRows = (runs: readonly IngestRun[], rate: number): FigureRow[] => {
  const bare = runs.filter((run) => run.target === "bare");
  const bareRate = mean(bare.map((r) => r.flatOut.rate));
  const bareP50 = Math.max(...bare.map((r) => r.fixedRate.p50));
  const bareP99 = Math.max(...bare.map((r) => r.fixedRate.p99));
  const bareRss = Math.max(...bare.map((r) => r.kernelPeakMb));
  const durable = combined(runs, "durable");
  const rows: FigureRow[] = [];
  for (const kind of ["postgres", "embedded"] as const) {
    const run = combined(runs, kind);
    if (!run) continue;
    const store = kind === "postgres" ? "PostgreSQL" : "the embedded store";
    const onPostgres = kind === "postgres";
    if (durable)
      rows.push({
        figure: `ingest on ${store}, deliveries/s flat out${meanOf(run.runs)}`,
        value: fixed(run.flatOut.rate, 0),
        baseline: `${fixed(durable.flatOut.rate, 0)} (Probot storing each delivery id${meanOf(durable.runs)})`,
        ratio: times(run.flatOut.rate / durable.flatOut.rate),
        target: onPostgres ? `≥ ${TARGETS.ofDurable}×` : "",
        holds: onPostgres ? run.flatOut.rate / durable.flatOut.rate >= TARGETS.ofDurable : null,
      });
    rows.push({
      figure: `ingest on ${store}, against bare Probot`,
      value: fixed(run.flatOut.rate, 0),
      baseline: `${fixed(bareRate, 0)} (bare Probot)`,
      ratio: times(run.flatOut.rate / bareRate),
      target: "",
      holds: null,
    });
    rows.push({
      figure: `ingest on ${store} at ${rate}/s, p50 / p99`,
      value: `${fixed(run.fixedRate.p50, 0)} / ${ms(run.fixedRate.p99)}`,
      baseline: `${fixed(bareP50, 0)} / ${ms(bareP99)} (bare Probot)`,
      ratio: `${times(run.fixedRate.p99 / bareP99, 1)} (p99)`,
      target: onPostgres ? `p99 < ${TARGETS.p99AtRateMs} ms` : "",
      holds: onPostgres ? run.fixedRate.p99 < TARGETS.p99AtRateMs : null,
    });
    if (run.classify) {
      const { lag, afterFlatOut } = run.classify;
      rows.push({
        figure: `lag from delivery to credit on ${store} at ${rate}/s, p50 / p99 (${lag.deliveries.toLocaleString("en")} deliveries)`,
        value: `${fixed(lag.p50, 0)} / ${ms(lag.p99)}`,
        baseline: `${fixed(run.fixedRate.p50, 0)} / ${ms(run.fixedRate.p99)} (answered)`,
        ratio: `${times(lag.p99 / run.fixedRate.p99, 0)} (p99)`,
        target: onPostgres ? `p99 < ${TARGETS.creditLagP99Ms / 1000} s` : "",
        holds: onPostgres ? lag.deliveries > 0 && lag.p99 < TARGETS.creditLagP99Ms : null,
      });
      rows.push({
        figure: `inbox drained after the flat-out load, ${store}`,
        value: drained(afterFlatOut),
        baseline: "",
        ratio: "",
        target: onPostgres ? `≤ ${TARGETS.drainSeconds} s` : "",
        holds: onPostgres
          ? afterFlatOut.seconds !== null && afterFlatOut.seconds <= TARGETS.drainSeconds
          : null,
      });
    }
    const rssTarget = onPostgres ? TARGETS.postgresPeakRssMb : TARGETS.embeddedPeakRssMb;
    rows.push({
      figure: `peak RSS under the ingest load, ${store}`,
      value: `${fixed(run.kernelPeakMb, 0)} MB`,
      baseline: `${fixed(bareRss, 0)} MB (bare Probot)`,
      ratio: times(run.kernelPeakMb / bareRss, 1),
      target: onPostgres ? `< ${rssTarget} MB` : `≤ ${rssTarget} MB`,
      holds: onPostgres ? run.kernelPeakMb < rssTarget : run.kernelPeakMb <= rssTarget,
    });
  }
  return rows;
};

/** Prints the per-server table and the figures, and saves them as bench/results.json's `ingest`. */
export const reportIngest = async (runs: readonly IngestRun[], context: IngestContext): Promise<void> => {
  const bare = runs.filter((run) => run.target === "bare");
  const baseline = mean(bare.map((run) => run.flatOut.rate));
  const servers = [
    [
      "server",
      "deliveries/s",
      "× bare",
      "p50 ms",
      "p99 ms",
      `p50 @${context.rate}/s`,
      `p99 @${context.rate}/s`,
      "peak RSS MB",
    ],
    ...runs.map((run) => [
      TARGET_LABELS[run.target],
      fixed(run.flatOut.rate, 0),
      fixed(run.flatOut.rate / baseline, 2),
      fixed(run.flatOut.p50, 0),
      fixed(run.flatOut.p99, 0),
      fixed(run.fixedRate.p50, 0),
      fixed(run.fixedRate.p99, 0),
      fixed(run.kernelPeakMb, 0),
    ]),
  ];
  const figures = figureRows(runs, context.rate);
  const failures = runs.flatMap((run) =>
    [run.flatOut, run.fixedRate]
      .filter((r) => r.non2xx + r.errors + r.timeouts > 0)
      .map(
        (r) =>
          `${TARGET_LABELS[run.target]}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`,
      ),
  );
  const total = Object.values(context.events).reduce((a, b) => a + b, 0);
  const mix = Object.entries(context.events)
    .map(([name, n]) => `${name} ${fixed((n * 100) / total, 0)}%`)
    .join(", ");
  const out = [
    `Ingest: signed deliveries over HTTP (autocannon, ${context.connections} connections), ${context.seconds} s flat out, then ${context.rate}/s; mean body ${fixed(context.bytes / 1024, 1)} KB`,
    `mix: ${mix}`,
    `load average (1, 5, 15 min): ${context.loadAverage.start.map((n) => fixed(n, 2)).join(", ")} at the start, ${context.loadAverage.end.map((n) => fixed(n, 2)).join(", ")} at the end`,
    "",
    table(servers),
    "",
    table([
      ["figure", "Gluework", "baseline (same run)", "ratio", "target", "holds"],
      ...figures.map((row) => [
        row.figure,
        row.value,
        row.baseline,
        row.ratio,
        row.target,
        row.holds === null ? "" : mark(row.holds),
      ]),
    ]),
    ...failures.map((line) => `FAILED DELIVERIES ${line}`),
    `(${fixed(context.elapsed, 0)} s)`,
  ];
  process.stdout.write(`${out.join("\n")}\n`);
  await saveSection("ingest", {
    seconds: context.seconds,
    rate: context.rate,
    connections: context.connections,
    meanBodyBytes: Math.round(context.bytes),
    mix: context.events,
    loadAverage: context.loadAverage,
    baselineRate: baseline,
    durableRate: combined(runs, "durable")?.flatOut.rate ?? null,
    runs,
    figures,
    failures,
  });
};
