import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, SERVER_ARGS } from "../e2e/helpers/server.js";

describe("how the server is started", () => {
  it("is the same for npm start, the Docker image, the e2e suite and the benchmarks", async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe(["node", ...SERVER_ARGS].join(" "));

    const dockerfile = await readFile(join(ROOT, "Dockerfile"), "utf8");
    const cmd = dockerfile.match(/^CMD (\[.*\])$/m)?.[1];
    expect(cmd && JSON.parse(cmd)).toEqual(["node", ...SERVER_ARGS]);
  });

  it("uses only flags this Node.js accepts", () => {
    const flags = SERVER_ARGS.filter((arg) => arg.startsWith("--"));
    // Node refuses a flag it does not know before running anything ("bad option").
    const out = execFileSync(process.execPath, [...flags, "-e", "process.stdout.write('ran')"], {
      encoding: "utf8",
    });
    expect(out).toBe("ran");
  });
});
