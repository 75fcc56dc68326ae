/**
 * `npm run bench`: every benchmark, each in a process of its own (each also runs alone:
 * `npm run bench:ingest`, `bench:report`, `bench:github`, `bench:backfill`), then one table of
 * every figure beside its baseline and target, from bench/results.json.
 */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { ROOT } from "../test/e2e/helpers/server.js";
import type { FigureRow } from "./lib/ingest-report.js";
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
  // The ingest benchmark writes its figures as rows already, each beside its baseline and target.
  const ingestRows = ((ingest?.figures ?? []) as FigureRow[]).map((figure) =>
    row(
      figure.figure,
      figure.value,
      figure.baseline,
      figure.ratio,
      figure.target,
      figure.holds === null ? undefined : figure.holds,
    ),
  );
  const rows = [
    ["figure", "Gluework", "baseline", "ratio", "target", ""],
    ...ingestRows,
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
