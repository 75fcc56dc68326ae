// Builds dist/ from src/ when it is missing or older than the sources (a fresh clone, an edit).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newest(path) : statSync(path).mtimeMs;
    return Math.max(latest, time);
  }, 0);

export const ensureBuild = () => {
  const entry = join(root, "dist", "main.js");
  const sources = join(root, "src");
  if (existsSync(entry) && (!existsSync(sources) || statSync(entry).mtimeMs >= newest(sources))) return;
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  if (!existsSync(tsc)) {
    if (existsSync(entry)) return;
    throw new Error("dist/ is missing and TypeScript is not installed: run `npm ci && npm run build`");
  }
  execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
};

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureBuild();
