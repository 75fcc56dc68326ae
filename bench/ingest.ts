/**
 * `npm run bench:ingest`: signed deliveries of a realistic mix POSTed over HTTP by autocannon to
 * real server processes — the bare Probot baseline, Probot storing each delivery id in PostgreSQL
 * (the floor for any app that answers once a delivery is stored), Gluework on the embedded store,
 * Gluework on a fresh PostgreSQL database — first as fast as each answers, then at a fixed 200
 * deliveries/s, while the server's resident memory is sampled. For Gluework it also waits, after
 * each phase, until the classify stage has drained the inbox, and reads from the store how long
 * each delivery of the fixed-rate phase took to become credits. Targets (PostgreSQL): ≥ 0.8× the
 * throughput of Probot storing each delivery id, p99 < 50 ms at 200/s, lag from delivery to credit
 * p99 < 2 s at 200/s, the inbox drained within 10 s of the flat-out load ending, peak RSS < 250 MB;
 * the embedded store's peak RSS ≤ 400 MB. Probot storing ids and Gluework on PostgreSQL run twice
 * each, alternating: their throughput is the mean of their runs, every other figure the worst.
 */
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { startGitHubDouble } from "../test/e2e/helpers/github-double.js";
import { createCredentials } from "../test/e2e/helpers/server.js";
import { type CreditLag, creditLag } from "./lib/credit-lag.js";
import { type Drain, waitForDrain } from "./lib/inbox-drain.js";
import { type IngestRun, reportIngest } from "./lib/ingest-report.js";
import { fire, type LoadResult, signAll } from "./lib/load.js";
import { watchMemory } from "./lib/memory.js";
import { generateMix } from "./lib/mix.js";
import { fixed, postgresVersion } from "./lib/results.js";
import {
  ensureBuild,
  registerMix,
  startTarget,
  TARGET_LABELS,
  type Target,
  type TargetKind,
} from "./lib/targets.js";

const SECONDS = Number(process.env.BENCH_INGEST_SECONDS ?? 10);
const RATE = Number(process.env.BENCH_INGEST_RATE ?? 200);
const CONNECTIONS = Number(process.env.BENCH_INGEST_CONNECTIONS ?? 10);
/** Enough fresh deliveries for Gluework flat out (the classify stage then has new activities throughout); the baselines may cycle. */
const FLAT_OUT = Number(process.env.BENCH_INGEST_DELIVERIES ?? 20_000);
/**
 * The servers, in order: Probot storing ids and Gluework on PostgreSQL twice each, alternating,
 * as their ratio is the target and one run of a server swings by a quarter on a shared machine.
 */
const DEFAULT_ORDER = ["bare", "durable", "postgres", "embedded", "durable", "postgres", "bare"];
/** How long to wait for the classify stage to drain the inbox before calling it behind. */
const DRAIN_LIMIT_S = 120;

/** What the classify stage did after each phase, on Gluework's targets (null for the baselines). */
type Classify = { afterFlatOut: Drain; afterFixedRate: Drain; lag: CreditLag } | null;

/** Waits for the inbox to drain after each phase, and reads the lag of the fixed-rate deliveries. */
const classifyOf = async (
  target: Target,
  phases: { flatOutEnded: number; fixedRateEnded: number; sentAt: Map<string, number> },
  afterFlatOut: Drain,
): Promise<Classify> => {
  const sql = await target.store.connect();
  try {
    const afterFixedRate = await waitForDrain(sql, phases.fixedRateEnded, { limitS: DRAIN_LIMIT_S });
    return { afterFlatOut, afterFixedRate, lag: await creditLag(sql, phases.sentAt) };
  } finally {
    await sql.end({ timeout: 1 });
  }
};

const drainAfter = async (target: Target, endedAt: number): Promise<Drain> => {
  const sql = await target.store.connect();
  try {
    return await waitForDrain(sql, endedAt, { limitS: DRAIN_LIMIT_S });
  } finally {
    await sql.end({ timeout: 1 });
  }
};

const main = async () => {
  ensureBuild();
  const started = Date.now();
  // Others' work on the machine moves every figure: the load average is kept beside them.
  const loadAtStart = loadavg();
  const mixes = {
    // On the repositories of the fixed-rate phase, so that it measures a server that has been
    // running (their config cached), not a cold start.
    warmUp: generateMix({ count: 300, seed: 1, repoPrefix: "steady", firstRepoId: 80_000, series: 1 }),
    flatOut: generateMix({ count: FLAT_OUT, seed: 2, repoPrefix: "flatout", firstRepoId: 70_000 }),
    fixedRate: generateMix({ count: RATE * SECONDS, seed: 3, repoPrefix: "steady", firstRepoId: 80_000 }),
  };
  const credentials = createCredentials();
  const double = await startGitHubDouble({ appId: credentials.appId, publicKey: credentials.publicKey });
  for (const mix of Object.values(mixes)) registerMix(double, mix);
  const signed = {
    warmUp: signAll(credentials.webhookSecret, mixes.warmUp.deliveries),
    flatOut: signAll(credentials.webhookSecret, mixes.flatOut.deliveries),
    fixedRate: signAll(credentials.webhookSecret, mixes.fixedRate.deliveries),
  };
  const bytes = signed.flatOut.reduce((sum, d) => sum + d.body.length, 0) / signed.flatOut.length;
  const onPostgres = (await postgresVersion()) !== null;
  if (!onPostgres) process.stderr.write("PostgreSQL is not reachable: its runs are skipped\n");
  const order = (process.env.BENCH_INGEST_TARGETS?.split(",") ?? DEFAULT_ORDER).filter(
    (kind): kind is TargetKind =>
      kind in TARGET_LABELS && ((kind !== "postgres" && kind !== "durable") || onPostgres),
  );
  const runs: IngestRun[] = [];
  try {
    for (const kind of order) {
      const target = await startTarget(kind, credentials, double);
      const memory = watchMemory(target.server.child.pid as number);
      const gluework = kind === "embedded" || kind === "postgres";
      try {
        await fire(target.server.url, signed.warmUp, { connections: CONNECTIONS });
        if (gluework) await drainAfter(target, Date.now());
        const flatOut = await fire(target.server.url, signed.flatOut, {
          connections: CONNECTIONS,
          seconds: SECONDS,
        });
        const flatOutEnded = Date.now();
        // The fixed-rate phase starts once the classify stage has caught up with the flat-out load.
        const afterFlatOut = gluework ? await drainAfter(target, flatOutEnded) : null;
        const sentAt = new Map<string, number>();
        const fixedRate = await fire(target.server.url, signed.fixedRate, {
          connections: CONNECTIONS,
          rate: RATE,
          sentAt,
        });
        const fixedRateEnded = Date.now();
        const classify = afterFlatOut
          ? await classifyOf(target, { flatOutEnded, fixedRateEnded, sentAt }, afterFlatOut)
          : null;
        const { sampledPeakMb, kernelPeakMb } = await memory.stop();
        runs.push({ target: kind, flatOut, fixedRate, sampledPeakMb, kernelPeakMb, classify });
        process.stderr.write(`${summary(kind, flatOut, fixedRate, kernelPeakMb, classify)}\n`);
        const failed = [flatOut, fixedRate].some((r) => r.non2xx + r.errors + r.timeouts > 0);
        if (failed || (classify && classify.afterFixedRate.seconds === null)) {
          // Failed deliveries are a finding: keep what the server said, and whether it still runs.
          const file = `bench/failed-${kind}.log`;
          writeFileSync(file, target.server.logs());
          process.stderr.write(
            `${TARGET_LABELS[kind]}: ${failed ? "deliveries failed" : "the inbox did not drain"}; the server ${target.server.child.exitCode === null ? "still runs" : `exited with ${target.server.child.exitCode}`}; its log is in ${file}\n`,
          );
        }
      } finally {
        await memory.stop();
        await target.stop();
      }
    }
  } finally {
    await double.stop();
  }
  await reportIngest(runs, {
    seconds: SECONDS,
    rate: RATE,
    connections: CONNECTIONS,
    bytes,
    elapsed: (Date.now() - started) / 1000,
    events: mixes.flatOut.events,
    loadAverage: { start: loadAtStart, end: loadavg() },
  });
};

const summary = (
  kind: TargetKind,
  flatOut: LoadResult,
  fixedRate: LoadResult,
  peakMb: number,
  classify: Classify,
): string =>
  `${TARGET_LABELS[kind]}: ${fixed(flatOut.rate, 0)}/s flat out, p99 ${fixedRate.p99} ms at ${RATE}/s, peak ${fixed(peakMb, 0)} MB` +
  (classify
    ? `; inbox drained ${fixed(classify.afterFlatOut.seconds ?? Number.NaN, 1)} s after the flat-out load (${classify.afterFlatOut.waitingAtEnd} waiting at its end), credit lag p99 ${fixed(classify.lag.p99, 0)} ms`
    : "");

await main();
