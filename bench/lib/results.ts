import { readFile, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { connect } from "../../src/store/db.js";

export const RESULTS = fileURLToPath(new URL("../results.json", import.meta.url));

/** The PostgreSQL server the benchmarks make their throwaway databases on. */
export const adminUrl = (): string =>
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** PostgreSQL's version, or null when the server cannot be reached (its benchmarks are then skipped). */
export const postgresVersion = async (url = adminUrl()): Promise<string | null> => {
  const sql = connect(url, { max: 1 });
  try {
    const [row] = await sql<{ server_version: string }[]>`show server_version`;
    return row?.server_version ?? null;
  } catch {
    return null;
  } finally {
    await sql.end({ timeout: 1 });
  }
};

export type Machine = { cores: number; cpu: string; memoryGb: number; node: string; postgres: string | null };

export const machine = async (): Promise<Machine> => ({
  cores: availableParallelism(),
  cpu: cpus()[0]?.model ?? "unknown",
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  postgres: await postgresVersion(),
});

/** Writes one benchmark's figures into bench/results.json, keeping the other benchmarks' sections. */
export const saveSection = async (name: string, section: unknown): Promise<void> => {
  let results: Record<string, unknown> = {};
  try {
    results = JSON.parse(await readFile(RESULTS, "utf8")) as Record<string, unknown>;
  } catch {}
  results[name] = { at: new Date().toISOString(), machine: await machine(), ...(section as object) };
  await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
};

/** A plain-text table: the first row is the header; numbers are right-aligned. */
export const table = (rows: readonly (readonly string[])[]): string => {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((row) => (row[i] ?? "").length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const [header, ...body] = rows;
  return [line(header ?? []), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
};

export const mark = (ok: boolean): string => (ok ? "✓" : "✗");

export const fixed = (value: number, digits = 1): string =>
  Number.isFinite(value) ? value.toFixed(digits) : "–";
