import nock from "nock";
import { commitPullJson, fileJson } from "../../../src/github-double/rest-shapes.js";
import { API } from "../probot.js";
import type { GraphqlDouble } from "./graphql-double.js";
import type { History } from "./synthetic-history.js";

const CONFIG = /^\/repos\/[^/]+\/[^/]+\/contents\/\.github%2Fgluework\.yml/;

/**
 * nock answers for a backfill through the double: GitHub's GraphQL endpoint and the REST reads
 * (repository, milestones, commits), and (unless `config: false`, when the store has it cached)
 * "no .github/gluework.yml". Persisted: assert each was used with `nock.pendingMocks()`.
 */
export const mockHistoryApi = (double: GraphqlDouble, { config = true } = {}): nock.Scope[] => [
  nock(API)
    .persist()
    .post("/graphql")
    .reply(async (_uri, body) => {
      const answer = await double.graphql(body as { query: string; variables?: Record<string, unknown> });
      return [answer.status, answer.body as nock.Body, answer.headers ?? {}];
    }),
  nock(API)
    .persist()
    .get(/^\/repos\/[^/]+\/[^/]+(\/milestones|\/commits\/[0-9a-f]{40})?(\?.*)?$/)
    .reply((uri) => {
      const url = new URL(uri, API);
      const answer = double.rest(url);
      return [answer.status, answer.body as nock.Body, answer.headers ?? {}];
    }),
  ...(config ? [nock(API).persist().get(CONFIG).reply(404, { message: "Not Found" })] : []),
];

/**
 * nock answers for replaying the same history as webhooks: no config, each PR's own file list,
 * and for a commit on the default branch the merged PR that brought it in, if one did.
 */
export const mockWebhookReads = (history: History): nock.Scope[] => [
  nock(API).persist().get(CONFIG).reply(404, { message: "Not Found" }),
  nock(API)
    .persist()
    .get(/^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/files/)
    .reply((uri) => {
      const number = Number(/\/pulls\/(\d+)\/files/.exec(uri)?.[1]);
      const pr = history.pullRequests.find((candidate) => candidate.number === number);
      const files = (pr?.files ?? []).map(({ path, additions, deletions }) => ({
        filename: path,
        additions,
        deletions,
      }));
      return [200, files.map((file, index) => fileJson(history.repo.fullName, file, index))];
    }),
  nock(API)
    .persist()
    .get(/^\/repos\/[^/]+\/[^/]+\/commits\/[0-9a-f]+\/pulls/)
    .reply((uri) => {
      const sha = /\/commits\/([0-9a-f]+)\/pulls/.exec(uri)?.[1];
      const carried = history.pullRequests.filter((pr) => pr.mergeCommitSha === sha);
      return [
        200,
        carried.map((pr) =>
          commitPullJson(history.repo.fullName, { number: pr.number, merged_at: pr.mergedAt }),
        ),
      ];
    }),
];
