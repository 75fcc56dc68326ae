/**
 * `npm run bench:ingest`: signed deliveries of a realistic mix POSTed over HTTP by autocannon to
 * real server processes — the bare Probot baseline, Probot storing each delivery id in PostgreSQL
 * (the floor for any app that answers once a delivery is stored), Gluework on the embedded store,
 * Gluework on a fresh PostgreSQL database — first as fast as each answers, then at a fixed 200 deliveries/s,
 * while the server's resident memory is sampled. Targets: with PostgreSQL ≥ 0.7× the baseline's
 * throughput, p99 < 50 ms at 200/s, peak RSS < 250 MB.
 */
import { writeFileSync } from "node:fs";
import { startGitHubDouble } from "../test/e2e/helpers/github-double.js";
import { createCredentials } from "../test/e2e/helpers/server.js";
import { fire, type LoadResult, signAll } from "./lib/load.js";
import { watchMemory } from "./lib/memory.js";
import { generateMix } from "./lib/mix.js";
import { fixed, mark, postgresVersion, saveSection, table } from "./lib/results.js";
import { ensureBuild, registerMix, startTarget, TARGET_LABELS, type TargetKind } from "./lib/targets.js";

const SECONDS = Number(process.env.BENCH_INGEST_SECONDS ?? 10);
const RATE = Number(process.env.BENCH_INGEST_RATE ?? 200);
const CONNECTIONS = Number(process.env.BENCH_INGEST_CONNECTIONS ?? 10);
/** Enough fresh deliveries for the fastest Gluework run; the baseline (which stores nothing) may cycle. */
const FLAT_OUT = Number(process.env.BENCH_INGEST_DELIVERIES ?? 8000);

type Run = {
  target: TargetKind;
  flatOut: LoadResult;
  fixedRate: LoadResult;
  sampledPeakMb: number;
  kernelPeakMb: number;
};

const main = async () => {
  ensureBuild();
  const started = Date.now();
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
  const order = (
    process.env.BENCH_INGEST_TARGETS?.split(",") ?? ["bare", "durable", "embedded", "postgres", "bare"]
  ).filter(
    (kind): kind is TargetKind =>
      kind in TARGET_LABELS && ((kind !== "postgres" && kind !== "durable") || onPostgres),
  );
  const runs: Run[] = [];
  try {
    for (const kind of order) {
      const target = await startTarget(kind, credentials, double);
      const memory = watchMemory(target.server.child.pid as number);
      try {
        await fire(target.server.url, signed.warmUp, { connections: CONNECTIONS });
        const flatOut = await fire(target.server.url, signed.flatOut, {
          connections: CONNECTIONS,
          seconds: SECONDS,
        });
        const fixedRate = await fire(target.server.url, signed.fixedRate, {
          connections: CONNECTIONS,
          rate: RATE,
        });
        const { sampledPeakMb, kernelPeakMb } = await memory.stop();
        runs.push({ target: kind, flatOut, fixedRate, sampledPeakMb, kernelPeakMb });
        process.stderr.write(
          `${TARGET_LABELS[kind]}: ${fixed(flatOut.rate, 0)}/s flat out, p99 ${fixedRate.p99} ms at ${RATE}/s, peak ${fixed(kernelPeakMb, 0)} MB\n`,
        );
        if ([flatOut, fixedRate].some((r) => r.non2xx + r.errors + r.timeouts > 0)) {
          // Failed deliveries are a finding: keep what the server said, and whether it still runs.
          const file = `bench/failed-${kind}.log`;
          writeFileSync(file, target.server.logs());
          process.stderr.write(
            `${TARGET_LABELS[kind]}: deliveries failed; the server ${target.server.child.exitCode === null ? "still runs" : `exited with ${target.server.child.exitCode}`}; its log is in ${file}\n`,
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
  await report(runs, { bytes, seconds: (Date.now() - started) / 1000, events: mixes.flatOut.events });
};

const report = (runs: Run[], context: { bytes: number; seconds: number; events: Record<string, number> }) => {
  const baselines = runs.filter((run) => run.target === "bare");
  const baseline = mean(baselines.map((run) => run.flatOut.rate));
  const ours = runs.filter((run) => run.target !== "bare");
  const rows = [
    [
      "server",
      "deliveries/s",
      "× baseline",
      "p50 ms",
      "p99 ms",
      `p50 @${RATE}/s`,
      `p99 @${RATE}/s`,
      "peak RSS MB",
    ],
    [
      TARGET_LABELS.bare,
      fixed(baseline, 0),
      "1.00",
      fixed(mean(baselines.map((r) => r.flatOut.p50)), 0),
      fixed(mean(baselines.map((r) => r.flatOut.p99)), 0),
      fixed(Math.max(...baselines.map((r) => r.fixedRate.p50)), 0),
      fixed(Math.max(...baselines.map((r) => r.fixedRate.p99)), 0),
      fixed(Math.max(...baselines.map((r) => r.kernelPeakMb)), 0),
    ],
    ...ours.map((run) => [
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
  const postgres = ours.find((run) => run.target === "postgres");
  const durable = ours.find((run) => run.target === "durable");
  const ofDurable = postgres && durable ? postgres.flatOut.rate / durable.flatOut.rate : null;
  const failures = runs.flatMap((run) =>
    [run.flatOut, run.fixedRate]
      .filter((r) => r.non2xx + r.errors + r.timeouts > 0)
      .map(
        (r) =>
          `${TARGET_LABELS[run.target]}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`,
      ),
  );
  const targets = postgres
    ? {
        throughputRatio: {
          value: postgres.flatOut.rate / baseline,
          target: 0.7,
          met: postgres.flatOut.rate / baseline >= 0.7,
        },
        p99AtRate: { value: postgres.fixedRate.p99, target: 50, met: postgres.fixedRate.p99 < 50 },
        peakRssMb: { value: postgres.kernelPeakMb, target: 250, met: postgres.kernelPeakMb < 250 },
      }
    : null;
  const mix = Object.entries(context.events)
    .map(
      ([name, n]) =>
        `${name} ${fixed((n * 100) / Object.values(context.events).reduce((a, b) => a + b, 0), 0)}%`,
    )
    .join(", ");
  const out = [
    `Ingest: signed deliveries over HTTP (autocannon, ${CONNECTIONS} connections), ${SECONDS} s flat out, then ${RATE}/s; mean body ${fixed(context.bytes / 1024, 1)} KB`,
    `mix: ${mix}`,
    "",
    table(rows),
    "",
    ...(ofDurable === null
      ? []
      : [
          `Gluework on PostgreSQL answers ${fixed(ofDurable, 2)}× as many deliveries as Probot storing each delivery id (durability's floor on this machine: ${fixed((durable?.flatOut.rate ?? 0) / baseline, 2)}× bare Probot)`,
        ]),
    ...(targets
      ? [
          `targets (PostgreSQL): throughput ≥ 0.7× baseline: ${fixed(targets.throughputRatio.value, 2)}× ${mark(targets.throughputRatio.met)}; ` +
            `p99 < 50 ms at ${RATE}/s: ${targets.p99AtRate.value} ms ${mark(targets.p99AtRate.met)}; ` +
            `peak RSS < 250 MB: ${fixed(targets.peakRssMb.value, 0)} MB ${mark(targets.peakRssMb.met)}`,
        ]
      : ["targets: PostgreSQL not reachable, not measured"]),
    ...failures.map((line) => `FAILED DELIVERIES ${line}`),
    `(${fixed(context.seconds, 0)} s)`,
  ];
  process.stdout.write(`${out.join("\n")}\n`);
  return saveSection("ingest", {
    seconds: SECONDS,
    rate: RATE,
    connections: CONNECTIONS,
    meanBodyBytes: Math.round(context.bytes),
    mix: context.events,
    baselineRate: baseline,
    durableRate: durable?.flatOut.rate ?? null,
    runs,
    targets,
    failures,
  });
};

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

await main();
