import { execFileSync } from "node:child_process";
import { ROOT } from "./helpers/server.js";

/** Builds dist/ once, as `npm start` would, so every server and CLI process runs the current code. */
export default function setup(): void {
  execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
}
