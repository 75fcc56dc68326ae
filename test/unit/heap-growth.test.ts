import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { EMBEDDED_HEAP_GROWING_PERCENT } from "../../src/server/heap-growth.js";

const run = promisify(execFile);
const HEAP_GROWTH = fileURLToPath(new URL("../../src/server/heap-growth.ts", import.meta.url));

/**
 * A process that keeps about 30 MB alive and turns over much more that lives long enough to be
 * promoted (the shape of a burst of deliveries), printing its largest heap over the second half.
 */
const churn = (limit: boolean) => `
  ${limit ? `const { limitHeapGrowth } = await import(${JSON.stringify(HEAP_GROWTH)}); limitHeapGrowth(${EMBEDDED_HEAP_GROWING_PERCENT});` : ""}
  const live = Array.from({ length: 200_000 }, (_, i) => ({ i, s: "live-" + i, a: [i, i + 1] }));
  const ring = new Array(100_000);
  const total = 5_000_000;
  let peak = 0;
  for (let i = 0; i < total; i++) {
    ring[i % ring.length] = { i, s: "churn-" + i, a: [i, i + 1, i + 2] };
    if (i > total / 2 && i % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapTotal);
  }
  // \`live\` is read at the end so that it stays alive throughout.
  process.stdout.write(JSON.stringify({ peak, live: live.length }));
`;

const peakHeap = async (limit: boolean): Promise<number> => {
  const { stdout } = await run(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", churn(limit)],
    { encoding: "utf8" },
  );
  return (JSON.parse(stdout) as { peak: number }).peak;
};

describe("limitHeapGrowth", () => {
  it("keeps the heap of a process turning over promoted garbage well below V8's own limit", async () => {
    const [own, limited] = await Promise.all([peakHeap(false), peakHeap(true)]);
    expect(limited, `${limited} bytes at most, against ${own} without the limit`).toBeLessThan(own * 0.8);
  });
});
