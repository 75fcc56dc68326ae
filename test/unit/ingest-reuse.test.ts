import { describe, expect, it, vi } from "vitest";
import { createPathClassifierCache } from "../../src/classify/path-kinds.js";
import { defaultConfig } from "../../src/config/schema.js";
import { createSharedFileReads } from "../../src/github/read-pull-request-files.js";

describe("createPathClassifierCache", () => {
  const paths = defaultConfig().paths;

  it("hands out one compiled classifier per distinct paths, and a new one after maxAgeMs", () => {
    // The clock is the test's: how busy the machine is cannot move it.
    vi.useFakeTimers({ now: Date.parse("2026-10-01T00:00:00Z") });
    try {
      const classifierFor = createPathClassifierCache({ maxAgeMs: 20 });
      const first = classifierFor(paths);
      expect(classifierFor(structuredClone(paths))).toBe(first);
      const other = classifierFor({ ...paths, docs: ["manual/**"] });
      expect(other).not.toBe(first);
      expect(other("manual/intro.txt")).toBe("docs");
      expect(first("manual/intro.txt")).toBe("code");
      vi.advanceTimersByTime(19);
      expect(classifierFor(paths)).toBe(first);
      vi.advanceTimersByTime(2);
      expect(classifierFor(paths)).not.toBe(first);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("createSharedFileReads", () => {
  /** An octokit whose paginate answers after a tick and counts its calls. */
  const fakeOctokit = () => {
    const calls: number[] = [];
    const octokit = {
      rest: { pulls: { listFiles: {} } },
      paginate: async (_route: unknown, params: { pull_number: number }) => {
        calls.push(params.pull_number);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return [{ filename: "docs/a.md", additions: 1, deletions: 0 }];
      },
    };
    return { octokit: octokit as never, calls };
  };
  const repo = { owner: "acme", name: "web" };

  it("shares one read among callers asking for the same PR head at once, and reads again later", async () => {
    const { octokit, calls } = fakeOctokit();
    const readFiles = createSharedFileReads();
    const answers = await Promise.all([
      readFiles(octokit, repo, 7, "abc"),
      readFiles(octokit, repo, 7, "abc"),
      readFiles(octokit, repo, 7, "def"),
    ]);
    expect(calls).toEqual([7, 7]);
    expect(answers[0]).toEqual([{ path: "docs/a.md", additions: 1, deletions: 0 }]);
    await readFiles(octokit, repo, 7, "abc");
    expect(calls).toEqual([7, 7, 7]);
  });

  it("keeps sharing the read until the list is kept, so a caller who missed the store does not read again", async () => {
    const { octokit, calls } = fakeOctokit();
    const readFiles = createSharedFileReads();
    let release = () => {};
    const kept = new Promise<void>((resolve) => {
      release = resolve;
    });
    let keeping = false;
    const first = readFiles(octokit, repo, 8, "abc", async () => {
      keeping = true;
      await kept;
    });
    await vi.waitUntil(() => keeping);
    // The read is done and its list is being stored: a second caller shares it.
    const second = readFiles(octokit, repo, 8, "abc");
    release();
    expect(await second).toEqual(await first);
    expect(calls).toEqual([8]);
  });
});
