import nock from "nock";
import { API, mockPullRequestFiles, pullRequestFile } from "./probot.js";

/**
 * GitHub's list of the pull requests a commit belongs to (`GET /repos/{o}/{r}/commits/{sha}/pulls`);
 * `optional` when asking is allowed but not required.
 */
export const mockCommitPulls = (
  owner: string,
  repo: string,
  sha: string,
  pulls: { number: number; merged_at: string | null }[],
  { optional = false } = {},
): nock.Scope =>
  nock(API)
    .get(`/repos/${owner}/${repo}/commits/${sha}/pulls`)
    .query(true)
    .optionally(optional)
    .reply(
      200,
      pulls.map((pull) => ({
        url: `${API}/repos/${owner}/${repo}/pulls/${pull.number}`,
        id: 1_000_000 + pull.number,
        number: pull.number,
        state: pull.merged_at ? "closed" : "open",
        title: `PR ${pull.number}`,
        html_url: `https://github.com/${owner}/${repo}/pull/${pull.number}`,
        closed_at: pull.merged_at,
        merged_at: pull.merged_at,
      })),
    );

/** GitHub's file list of a PR, for a case where reading it is allowed but not required. */
export const mockPullRequestFilesOptionally = (
  owner: string,
  repo: string,
  number: number,
  files: { filename: string; additions: number; deletions: number }[],
): nock.Scope => mockPullRequestFiles(owner, repo, number, files, { optional: true });

type GenerousReads = {
  /** How many requests each kind of read answered. */
  calls: Record<"config" | "files" | "commitPulls", number>;
  scopes: nock.Scope[];
};

/**
 * Generous, persisted answers to every read Gluework makes of GitHub, for tests that replay
 * many payloads: no `.github/gluework.yml` anywhere, a small file list for any PR, and no PR
 * for any commit. They are optional (never pending); `calls` counts what each answered.
 */
export const mockGitHubReadsGenerously = (
  files: { filename: string; additions: number; deletions: number }[] = [
    { filename: "README.md", additions: 3, deletions: 1 },
    { filename: "src/index.ts", additions: 1, deletions: 0 },
  ],
): GenerousReads => {
  const calls = { config: 0, files: 0, commitPulls: 0 };
  const count = (scope: nock.Scope, kind: keyof typeof calls) =>
    scope.on("request", () => {
      calls[kind] += 1;
    });
  const config = nock(API)
    .persist()
    .get(/^\/repos\/[^/]+\/[^/]+\/contents\/\.github%2Fgluework\.yml/)
    .optionally()
    .reply(404, { message: "Not Found" });
  const pullFiles = nock(API)
    .persist()
    .get(/^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/files/)
    .optionally()
    .reply(200, files.map(pullRequestFile));
  const commitPulls = nock(API)
    .persist()
    .get(/^\/repos\/[^/]+\/[^/]+\/commits\/[0-9a-f]+\/pulls/)
    .optionally()
    .reply(200, []);
  count(config, "config");
  count(pullFiles, "files");
  count(commitPulls, "commitPulls");
  return { calls, scopes: [config, pullFiles, commitPulls] };
};

type PullFiles = {
  owner: string;
  repo: string;
  number: number;
  files: { filename: string; additions: number; deletions: number }[];
};

/**
 * GitHub's GraphQL answer to the batched file-list query (`PullRequestFiles`), computed from its
 * variables: each PR asked for gets its files if it is one of `pulls`, else null and a
 * NOT_FOUND error, as GitHub answers for a PR that is gone.
 */
export const mockFilesQuery = (pulls: PullFiles[]): nock.Scope =>
  nock(API)
    .post("/graphql", (body: { query?: string }) => body.query?.includes("query PullRequestFiles") ?? false)
    .reply(200, (_uri, body) => {
      const variables = (body as { variables: Record<string, string | number> }).variables;
      const data: Record<string, unknown> = {};
      const errors: unknown[] = [];
      for (let i = 0; `owner${i}` in variables; i += 1) {
        const pull = pulls.find(
          (p) =>
            p.owner === variables[`owner${i}`] &&
            p.repo === variables[`name${i}`] &&
            p.number === variables[`number${i}`],
        );
        data[`pr${i}`] = {
          pullRequest: pull
            ? {
                files: {
                  nodes: pull.files.map((f) => ({
                    path: f.filename,
                    additions: f.additions,
                    deletions: f.deletions,
                  })),
                  pageInfo: { hasNextPage: false },
                },
              }
            : null,
        };
        if (!pull)
          errors.push({
            type: "NOT_FOUND",
            path: [`pr${i}`, "pullRequest"],
            message: "Could not resolve to a PullRequest.",
          });
      }
      return errors.length > 0 ? { data, errors } : { data };
    });
