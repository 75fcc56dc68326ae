import { z } from "zod";
import type { ChangedFile } from "../vocabulary/credit.js";
import type { Octokit } from "./octokit.js";

/** PRs per query: each asks for one connection of 100 files, so a query costs one point. */
export const PULLS_PER_QUERY = 25;

export type PullRef = { owner: string; name: string; number: number };

export const pullKey = (pull: PullRef) => `${pull.owner}/${pull.name}#${pull.number}`.toLowerCase();

/** One query for the file lists of `count` PRs: `$owner0`, `$name0`, `$number0`, … */
export const filesQuery = (count: number): string => {
  const variables = Array.from(
    { length: count },
    (_, i) => `$owner${i}: String!, $name${i}: String!, $number${i}: Int!`,
  );
  const fields = Array.from(
    { length: count },
    (_, i) => `  pr${i}: repository(owner: $owner${i}, name: $name${i}) {
    pullRequest(number: $number${i}) {
      files(first: 100) { nodes { path additions deletions } pageInfo { hasNextPage } }
    }
  }`,
  );
  return `query PullRequestFiles(${variables.join(", ")}) {\n${fields.join("\n")}\n}`;
};

const answerSchema = z.record(
  z.string(),
  z
    .object({
      pullRequest: z
        .object({
          files: z
            .object({
              nodes: z.array(z.object({ path: z.string(), additions: z.number(), deletions: z.number() })),
              pageInfo: z.object({ hasNextPage: z.boolean() }),
            })
            .nullable(),
        })
        .nullable(),
    })
    .nullable(),
);

type Answer = z.output<typeof answerSchema>;

/** GitHub answers a query naming a PR or repository that is gone with the rest and NOT_FOUND errors. */
const dataDespiteNotFound = (error: unknown): unknown => {
  const failure = error as { errors?: { type?: string }[]; data?: unknown };
  const notFoundOnly =
    Array.isArray(failure.errors) && failure.errors.every((entry) => entry.type === "NOT_FOUND");
  if (notFoundOnly && failure.data && typeof failure.data === "object") return failure.data;
  throw error;
};

/** Queries of one call in flight at once. */
export const QUERIES_IN_FLIGHT = 4;

/**
 * The changed files of many PRs, 25 to a GraphQL query instead of one REST request each, up to
 * QUERIES_IN_FLIGHT queries at once. A PR with more than 100 files, or one GitHub no longer
 * has, is left out of the answer: the caller reads those one by one (REST pages, or a 404).
 */
export const readFilesBatch = async (
  octokit: Pick<Octokit, "graphql">,
  pulls: readonly PullRef[],
): Promise<Map<string, ChangedFile[]>> => {
  const found = new Map<string, ChangedFile[]>();
  const chunks: PullRef[][] = [];
  for (let start = 0; start < pulls.length; start += PULLS_PER_QUERY) {
    chunks.push(pulls.slice(start, start + PULLS_PER_QUERY));
  }
  const readChunk = async (chunk: readonly PullRef[]) => {
    const variables = Object.fromEntries(
      chunk.flatMap((pull, i) => [
        [`owner${i}`, pull.owner],
        [`name${i}`, pull.name],
        [`number${i}`, pull.number],
      ]),
    );
    const data: Answer = answerSchema.parse(
      await octokit.graphql<unknown>(filesQuery(chunk.length), variables).catch(dataDespiteNotFound),
    );
    chunk.forEach((pull, i) => {
      const files = data[`pr${i}`]?.pullRequest?.files;
      if (files && !files.pageInfo.hasNextPage) {
        found.set(
          pullKey(pull),
          files.nodes.map((file) => ({
            path: file.path,
            additions: file.additions,
            deletions: file.deletions,
          })),
        );
      }
    });
  };
  const next = chunks.entries();
  const lane = async () => {
    for (const [, chunk] of next) await readChunk(chunk);
  };
  await Promise.all(Array.from({ length: Math.min(QUERIES_IN_FLIGHT, chunks.length) }, lane));
  return found;
};
