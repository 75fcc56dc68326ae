import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { type EnsureSteps, ensure } from "../../src/publish/ensure.js";
import type { GitHubWrite } from "../../src/publish/github-write.js";

const log = pino({ level: "silent" });

/** A client whose `request` answers from `answers` in turn and records each call. */
const fakeOctokit = (answers: (() => unknown)[]) => {
  const calls: string[] = [];
  const octokit = {
    request: async (route: string) => {
      calls.push(route);
      const answer = answers.shift();
      if (!answer) throw new Error(`unexpected ${route}`);
      return { data: answer() };
    },
  };
  return { octokit: octokit as never, calls };
};

const create: GitHubWrite = { route: "POST /things", params: {}, purpose: "create a thing" };
const edit: GitHubWrite = { route: "PATCH /things/{id}", params: { id: 1 }, purpose: "edit a thing" };

const steps = (
  found: number | null,
  remembered: unknown[],
  recreateWhenGone = false,
): EnsureSteps<number> => ({
  find: async () => found,
  plan: (id) => (id === null ? create : id === 2 ? null : edit),
  remember: async (id, answer) => {
    remembered.push([id, answer]);
  },
  recreateWhenGone,
});

describe("ensure, the one writer", () => {
  it("creates when nothing was found, edits what was found, and writes nothing when it already says that", async () => {
    const remembered: unknown[] = [];
    const { octokit, calls } = fakeOctokit([() => ({ id: 7 }), () => ({ id: 1 })]);
    expect((await ensure(octokit, steps(null, remembered), { dryRun: false, log })).outcome).toBe("created");
    expect((await ensure(octokit, steps(1, remembered), { dryRun: false, log })).outcome).toBe("updated");
    expect((await ensure(octokit, steps(2, remembered), { dryRun: false, log })).outcome).toBe("unchanged");
    expect(calls).toEqual(["POST /things", "PATCH /things/{id}"]);
    expect(remembered).toEqual([
      [null, { id: 7 }],
      [1, { id: 1 }],
    ]);
  });

  it("on a dry run plans, writes nothing and remembers nothing", async () => {
    const remembered: unknown[] = [];
    const { octokit, calls } = fakeOctokit([]);
    const result = await ensure(octokit, steps(null, remembered), { dryRun: true, log });
    expect(result).toEqual({ outcome: "created", write: create });
    expect(calls).toEqual([]);
    expect(remembered).toEqual([]);
  });

  it("creates again, once, only when asked to and a remembered item is gone", async () => {
    const gone = () => {
      throw Object.assign(new Error("Not Found"), { status: 404 });
    };
    const again = fakeOctokit([gone, () => ({ id: 8 })]);
    const remembered: unknown[] = [];
    expect((await ensure(again.octokit, steps(1, remembered, true), { dryRun: false, log })).outcome).toBe(
      "created",
    );
    expect(again.calls).toEqual(["PATCH /things/{id}", "POST /things"]);
    const not = fakeOctokit([gone]);
    await expect(ensure(not.octokit, steps(1, [], false), { dryRun: false, log })).rejects.toMatchObject({
      status: 404,
    });
  });
});
