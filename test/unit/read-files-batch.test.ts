import { describe, expect, it } from "vitest";
import {
  filesQuery,
  PULLS_PER_QUERY,
  QUERIES_IN_FLIGHT,
  readFilesBatch,
} from "../../src/github/read-files-batch.js";
import { schemaProblems } from "../helpers/github-schema.js";

type Variables = Record<string, string | number>;

/** An octokit whose `graphql` answers from `files` per PR number, recording every query. */
const fakeOctokit = (files: (number: number) => { paths: string[]; more?: boolean } | null) => {
  const queries: Variables[] = [];
  const graphql = async (_query: string, variables: Variables) => {
    queries.push(variables);
    const data: Record<string, unknown> = {};
    const errors: unknown[] = [];
    for (let i = 0; `number${i}` in variables; i += 1) {
      const found = files(Number(variables[`number${i}`]));
      data[`pr${i}`] = {
        pullRequest: found && {
          files: {
            nodes: found.paths.map((path) => ({ path, additions: 2, deletions: 1 })),
            pageInfo: { hasNextPage: found.more ?? false },
          },
        },
      };
      if (!found) errors.push({ type: "NOT_FOUND", message: "Could not resolve to a PullRequest." });
    }
    if (errors.length > 0) throw Object.assign(new Error("NOT_FOUND"), { errors, data });
    return data;
  };
  return { octokit: { graphql } as never, queries };
};

describe("readFilesBatch", () => {
  it("asks for many PRs in one valid query", () => {
    expect(schemaProblems(filesQuery(1))).toEqual([]);
    expect(schemaProblems(filesQuery(PULLS_PER_QUERY))).toEqual([]);
  });

  it("reads 30 PRs in two queries, leaving out one that is gone and one with more than 100 files", async () => {
    const { octokit, queries } = fakeOctokit((number) =>
      number === 7 ? null : number === 8 ? { paths: ["a.ts"], more: true } : { paths: [`docs/${number}.md`] },
    );
    const pulls = Array.from({ length: 30 }, (_, i) => ({ owner: "Acme", name: "Web", number: i + 1 }));
    const found = await readFilesBatch(octokit, pulls);
    expect(queries.map((variables) => Object.keys(variables).length / 3)).toEqual([
      PULLS_PER_QUERY,
      30 - PULLS_PER_QUERY,
    ]);
    expect(found.size).toBe(28);
    expect(found.has("acme/web#7")).toBe(false);
    expect(found.has("acme/web#8")).toBe(false);
    expect(found.get("acme/web#30")).toEqual([{ path: "docs/30.md", additions: 2, deletions: 1 }]);
  });

  it("has several queries in flight at once, never more than QUERIES_IN_FLIGHT", async () => {
    const { octokit: answering, queries } = fakeOctokit((number) => ({ paths: [`src/${number}.ts`] }));
    let inFlight = 0;
    let most = 0;
    const octokit = {
      graphql: async (query: string, variables: Variables) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        // Answered a few turns later, so the other lanes start meanwhile.
        for (let turn = 0; turn < 5; turn += 1) await Promise.resolve();
        inFlight -= 1;
        return (answering as { graphql: (q: string, v: Variables) => Promise<unknown> }).graphql(
          query,
          variables,
        );
      },
    } as never;
    const pulls = Array.from({ length: PULLS_PER_QUERY * 6 }, (_, i) => ({
      owner: "acme",
      name: "web",
      number: i + 1,
    }));
    const found = await readFilesBatch(octokit, pulls);
    expect(queries).toHaveLength(6);
    expect(most).toBe(QUERIES_IN_FLIGHT);
    expect(found.size).toBe(pulls.length);
    expect(found.get(`acme/web#${pulls.length}`)).toEqual([
      { path: `src/${pulls.length}.ts`, additions: 2, deletions: 1 },
    ]);
  });

  it("throws a failure that is not NOT_FOUND", async () => {
    const octokit = {
      graphql: async () => {
        throw Object.assign(new Error("rate limited"), { errors: [{ type: "RATE_LIMITED" }], data: {} });
      },
    } as never;
    await expect(readFilesBatch(octokit, [{ owner: "a", name: "b", number: 1 }])).rejects.toThrow(
      "rate limited",
    );
  });
});
