import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The shape of the code, checked: one way through (events → inbox → classify → store → outbox),
 * with the shared vocabulary below everything and no folder depending back on one above it.
 */

const SRC = resolve(import.meta.dirname, "../../src");

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });

/** `src/store/db.ts` → `store`; a file directly in `src/` → `.`. */
const folderOf = (file: string): string => {
  const [first, ...rest] = relative(SRC, file).split("/");
  return rest.length === 0 ? "." : (first as string);
};

type Import = { from: string; spec: string; folder: string | null; pkg: string | null };

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^"';]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

const importsOf = (file: string): Import[] =>
  [...readFileSync(file, "utf8").matchAll(IMPORT)].map((match) => {
    const spec = (match[1] ?? match[2]) as string;
    if (!spec.startsWith(".")) {
      const parts = spec.split("/");
      const pkg = spec.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string);
      return { from: file, spec, folder: null, pkg };
    }
    return { from: file, spec, folder: folderOf(resolve(dirname(file), spec)), pkg: null };
  });

const files = sourceFiles(SRC);
const imports = files.flatMap(importsOf);
const crossing = imports.filter((i) => i.folder !== null && i.folder !== folderOf(i.from));
/** A file's code without its comments (doc comments may quote a `sql` name). */
const codeOf = (file: string) =>
  readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "");

const show = (list: readonly Import[]) => list.map((i) => `${relative(SRC, i.from)} → ${i.spec}`);

const GITHUB_CLIENTS = (pkg: string | null) =>
  pkg !== null && (pkg.startsWith("@octokit/") || pkg === "probot");

describe("import rules", () => {
  it("reads every source file's imports (the check is not vacuous)", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(crossing.length).toBeGreaterThan(100);
    expect(crossing.some((i) => folderOf(i.from) === "handlers" && i.folder === "store")).toBe(true);
  });

  it("events, classify and report import nothing from store, publish or github, nor an octokit or Probot package", () => {
    const wrong = imports.filter(
      (i) =>
        ["events", "classify", "report"].includes(folderOf(i.from)) &&
        (["store", "publish", "github", "handlers"].includes(i.folder ?? "") || GITHUB_CLIENTS(i.pkg)),
    );
    expect(show(wrong)).toEqual([]);
  });

  it("the store knows no rules: it imports only the vocabulary and the config it caches", () => {
    const wrong = crossing.filter(
      (i) => folderOf(i.from) === "store" && !["vocabulary", "config", "."].includes(i.folder ?? ""),
    );
    expect(show(wrong)).toEqual([]);
    // `.` is the logger, nothing else at the top.
    const top = crossing.filter((i) => folderOf(i.from) === "store" && i.folder === ".");
    expect(top.every((i) => i.spec.endsWith("/logger.js"))).toBe(true);
  });

  it("the vocabulary imports nothing of the app", () => {
    expect(show(crossing.filter((i) => folderOf(i.from) === "vocabulary"))).toEqual([]);
  });

  it("SQL and the database driver live under store/ only", () => {
    const sqlOutside = files.filter(
      (file) => folderOf(file) !== "store" && /\b(?:sql|tx)\s*`|\.unsafe\(/.test(codeOf(file)),
    );
    expect(sqlOutside.map((file) => relative(SRC, file))).toEqual([]);
    const driver = imports.filter(
      (i) =>
        ["postgres", "@electric-sql/pglite", "@electric-sql/pglite-socket"].includes(i.pkg ?? "") &&
        folderOf(i.from) !== "store",
    );
    expect(show(driver)).toEqual([]);
  });

  it("no two folders import each other, directly or around a circle", () => {
    const edges = new Map<string, Set<string>>();
    for (const i of crossing) {
      const from = folderOf(i.from);
      if (from === "." || i.folder === ".") continue;
      edges.set(from, (edges.get(from) ?? new Set()).add(i.folder as string));
    }
    const cycles: string[] = [];
    const visit = (folder: string, path: readonly string[]) => {
      for (const next of edges.get(folder) ?? []) {
        const at = path.indexOf(next);
        if (at >= 0) cycles.push([...path.slice(at), next].join(" → "));
        else visit(next, [...path, next]);
      }
    };
    for (const folder of edges.keys()) visit(folder, [folder]);
    expect([...new Set(cycles)].sort()).toEqual([]);
  });
});
