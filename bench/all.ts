/**
 * `npm run bench`: every benchmark, each in a process of its own (each also runs alone:
 * `npm run bench:ingest`, `bench:report`, `bench:github`, `bench:backfill`), then one table of
 * every figure beside its baseline and target, from bench/results.json.
 */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { ROOT } from "../test/e2e/helpers/server.js";
import { fixed, type Machine, mark, RESULTS, saveSection, table } from "./lib/results.js";

const SCRIPTS = ["ingest", "report", "github-budget", "backfill"] as const;

/** Runs one benchmark, its output passed through; resolves with its exit code and what it printed. */
const run = (script: string): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", `bench/${script}.ts`], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      process.stdout.write(chunk);
    });
    child.once("exit", (code) => resolve({ code, output }));
  });

type Target = { value: number; target: number; met: boolean };

const main = async () => {
  const started = Date.now();
  const codes: Record<string, number | null> = {};
  for (const script of SCRIPTS) {
    process.stdout.write(`\n=== bench:${script === "github-budget" ? "github" : script} ===\n`);
    const { code, output } = await run(script);
    codes[script] = code;
    // The backfill benchmark (its own script) prints its figures: keep them beside the others.
    if (script === "backfill") await saveSection("backfill", { exitCode: code, output: output.trim() });
  }
  const results = JSON.parse(await readFile(RESULTS, "utf8")) as Record<string, any>;
  const ingest = results.ingest;
  const report = results.report;
  const github = results.github;
  const pg = ingest?.runs?.find((r: any) => r.target === "postgres");
  const embedded = ingest?.runs?.find((r: any) => r.target === "embedded");
  const bare = ingest?.runs?.filter((r: any) => r.target === "bare") ?? [];
  const bareP99 = bare.length ? Math.max(...bare.map((r: any) => r.fixedRate.p99)) : Number.NaN;
  const bareRss = bare.length ? Math.max(...bare.map((r: any) => r.kernelPeakMb)) : Number.NaN;
  const largest = report?.measurements?.filter((m: any) => m.store === "postgres").at(-1);
  const row = (
    name: string,
    value: string,
    baseline: string,
    ratio: string,
    target: string,
    met?: boolean,
  ) => [name, value, baseline, ratio, target, met === undefined ? "" : mark(met)];
  const t = (target: Target | undefined) => target?.met;
  const rows = [
    ["figure", "Gluework", "baseline", "ratio", "target", ""],
    ...(ingest
      ? [
          row(
            "ingest, PostgreSQL, deliveries/s",
            fixed(pg?.flatOut.rate ?? Number.NaN, 0),
            `${fixed(ingest.baselineRate, 0)} bare Probot`,
            `${fixed((pg?.flatOut.rate ?? Number.NaN) / ingest.baselineRate, 2)}×`,
            "≥ 0.7×",
            t(ingest.targets?.throughputRatio),
          ),
          ...(ingest.durableRate
            ? [
                row(
                  "ingest, PostgreSQL, deliveries/s",
                  fixed(pg?.flatOut.rate ?? Number.NaN, 0),
                  `${fixed(ingest.durableRate, 0)} Probot storing ids`,
                  `${fixed((pg?.flatOut.rate ?? Number.NaN) / ingest.durableRate, 2)}×`,
                  "",
                ),
              ]
            : []),
          row(
            "ingest, embedded, deliveries/s",
            fixed(embedded?.flatOut.rate ?? Number.NaN, 0),
            `${fixed(ingest.baselineRate, 0)} bare Probot`,
            `${fixed((embedded?.flatOut.rate ?? Number.NaN) / ingest.baselineRate, 2)}×`,
            "",
          ),
          row(
            `ingest, PostgreSQL, p99 at ${ingest.rate}/s`,
            `${fixed(pg?.fixedRate.p99 ?? Number.NaN, 0)} ms`,
            `${fixed(bareP99, 0)} ms`,
            `${fixed((pg?.fixedRate.p99 ?? Number.NaN) / bareP99, 1)}×`,
            "< 50 ms",
            t(ingest.targets?.p99AtRate),
          ),
          row(
            "peak RSS under load, PostgreSQL",
            `${fixed(pg?.kernelPeakMb ?? Number.NaN, 0)} MB`,
            `${fixed(bareRss, 0)} MB`,
            `${fixed((pg?.kernelPeakMb ?? Number.NaN) / bareRss, 1)}×`,
            "< 250 MB",
            t(ingest.targets?.peakRssMb),
          ),
          row(
            "peak RSS under load, embedded",
            `${fixed(embedded?.kernelPeakMb ?? Number.NaN, 0)} MB`,
            `${fixed(bareRss, 0)} MB`,
            `${fixed((embedded?.kernelPeakMb ?? Number.NaN) / bareRss, 1)}×`,
            "",
          ),
        ]
      : []),
    ...(largest
      ? [
          row(
            `monthly report, ${largest.credits.toLocaleString("en")} credits`,
            `${fixed(largest.monthlyIssue.median, 0)} ms`,
            `${fixed(largest.aggregate.median, 0)} ms SQL aggregate`,
            `${fixed(largest.monthlyIssue.median / largest.aggregate.median, 1)}×`,
            "< 500 ms, ≤ 3×",
            t(report.targets?.monthlyIssueMs) && t(report.targets?.ratio),
          ),
        ]
      : []),
    ...(github
      ? [
          row(
            "GitHub requests per delivery",
            fixed(github.perDelivery, 3),
            "",
            "",
            "≤ 0.3, check runs right",
            github.target?.met,
          ),
        ]
      : []),
    row(
      "backfill (its own targets)",
      codes.backfill === 0 ? "met" : "missed",
      "REST",
      "",
      "see above",
      codes.backfill === 0,
    ),
  ];
  const machine = (results.ingest?.machine ?? results.report?.machine) as Machine | undefined;
  process.stdout.write(
    [
      "",
      "=== summary ===",
      machine
        ? `machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, Node ${machine.node}, PostgreSQL ${machine.postgres ?? "–"}`
        : "",
      "",
      table(rows),
      "",
      `bench/results.json written; ${fixed((Date.now() - started) / 1000, 0)} s in all`,
      "",
    ].join("\n"),
  );
  // A benchmark that failed (did not finish, or found wrong output) fails the run; a missed
  // target is reported above. The backfill benchmark exits 1 for its missed targets too.
  const failed = SCRIPTS.filter((script) => script !== "backfill" && codes[script] !== 0);
  if (failed.length > 0) {
    process.stderr.write(`failed: ${failed.join(", ")}\n`);
    process.exitCode = 1;
  }
};

await main();
