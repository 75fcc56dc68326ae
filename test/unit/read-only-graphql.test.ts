import nock from "nock";
import { pino } from "pino";
import { Probot } from "probot";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { filesQuery } from "../../src/github/read-files-batch.js";
import { readOnlyGraphql } from "../../src/github/read-only-graphql.js";
import { OctokitWithBlockedWriteLane } from "../helpers/blocked-write-lane.js";
import { schemaProblems } from "../helpers/github-schema.js";
import { API, watchUnmatchedRequests } from "../helpers/probot.js";

/** A client as the server makes them, except that the throttling plugin's write lane is blocked. */
const client = () =>
  new Probot({
    githubToken: "test-token",
    Octokit: OctokitWithBlockedWriteLane,
    log: pino({ level: "silent" }),
  }).auth();

const VARIABLES = { owner0: "acme", name0: "web", number0: 1 };
const ANSWER = {
  data: {
    pr0: { pullRequest: { files: { nodes: [], pageInfo: { hasNextPage: false } } } },
  },
};

describe("readOnlyGraphql", () => {
  let unmatched: ReturnType<typeof watchUnmatchedRequests>;
  beforeAll(() => {
    nock.disableNetConnect();
  });
  afterAll(() => {
    nock.enableNetConnect();
  });
  afterEach(() => {
    unmatched.stop();
    nock.cleanAll();
  });

  it("sends a query with the client's token past the throttling lane the client's own graphql waits in", async () => {
    unmatched = watchUnmatchedRequests();
    expect(schemaProblems(filesQuery(1))).toEqual([]);
    const octokit = await client();
    const scope = nock(API)
      .matchHeader("authorization", "token test-token")
      .post("/graphql", (body: { query?: string }) => body.query === filesQuery(1))
      .reply(200, ANSWER);
    // The client's own graphql waits in the write lane, so it is never sent…
    let throttledSettled = false;
    void octokit.graphql(filesQuery(1), VARIABLES).finally(() => {
      throttledSettled = true;
    });
    // …while the read-only query is sent, with the client's token, and answered.
    await expect(readOnlyGraphql(octokit)(filesQuery(1), VARIABLES)).resolves.toEqual(ANSWER.data);
    expect(scope.isDone()).toBe(true);
    expect(throttledSettled).toBe(false);
    expect(unmatched.requests).toEqual([]);
  });

  it("refuses a mutation, which is a write", async () => {
    unmatched = watchUnmatchedRequests();
    const octokit = await client();
    expect(() =>
      readOnlyGraphql(octokit)("mutation { addStar(input: {starrableId: 1}) { clientMutationId } }"),
    ).toThrow("queries only");
    expect(unmatched.requests).toEqual([]);
  });
});
