import { describe, expect, it } from "vitest";
import { commitNodeSchema, pullRequestNodeSchema } from "../../src/backfill/history-schemas.js";
import { pullRequestEntries } from "../../src/backfill/map-pull-request.js";
import { type HistoryScope, toHistoryActor } from "../../src/backfill/map-refs.js";
import { commitEntry } from "../../src/backfill/map-repository.js";
import { creditsFor, INSTALLATION, REPO } from "../helpers/activities.js";

const scope: HistoryScope = { installationId: INSTALLATION, repo: REPO, since: "2026-01-01T00:00:00.000Z" };
const URL = `https://github.com/${REPO.fullName}`;
const list = <T>(nodes: T[]) => ({ pageInfo: { hasNextPage: false, endCursor: null }, nodes });

/** As GraphQL names them: the coding agent and the reviewer are `Bot`s, without `[bot]`. */
const AGENT = { __typename: "Bot", login: "Copilot", databaseId: 198982749 };
const REVIEWER_BOT = { __typename: "Bot", login: "copilot-pull-request-reviewer", databaseId: 175728472 };
const MONA = { __typename: "User", login: "mona", databaseId: 9001 };
const LISA = { login: "lisa", databaseId: 9002 };

const review = (id: string, author: object, state: string, body: string, submittedAt: string) => ({
  fullDatabaseId: id,
  state,
  body,
  submittedAt,
  authorAssociation: "MEMBER",
  url: `${URL}/pull/7#pullrequestreview-${id}`,
  author,
  comments: list([]),
});

const commit = (oid: string, user: object | null, committedDate: string) => ({
  commit: { oid, committedDate, author: { user } },
});

/** Copilot's PR #7: reviewed by the reviewer bot first, then by mona 73 hours in; lisa pushed a fix. */
const agentPullRequest = () =>
  pullRequestNodeSchema.parse({
    number: 7,
    url: `${URL}/pull/7`,
    createdAt: "2026-03-02T09:00:00Z",
    updatedAt: "2026-03-05T12:00:00Z",
    mergedAt: "2026-03-05T12:00:00Z",
    mergeCommit: { oid: "f".repeat(40) },
    isDraft: false,
    headRefOid: "b".repeat(40),
    authorAssociation: "NONE",
    author: AGENT,
    labels: list([]),
    files: list([{ path: "docs/guide.md", additions: 40, deletions: 3 }]),
    reviews: list([
      review("4001", REVIEWER_BOT, "COMMENTED", "Copilot reviewed 3 files.", "2026-03-02T09:05:00Z"),
      review("4002", MONA, "APPROVED", "Please keep the old flag working.", "2026-03-05T10:00:00Z"),
    ]),
    comments: list([]),
    // The agent's own commits resolve to no GitHub user; lisa's to hers.
    commits: list([
      commit("a".repeat(40), null, "2026-03-02T08:59:00Z"),
      commit("b".repeat(40), LISA, "2026-03-05T11:00:00Z"),
    ]),
    timelineItems: list([]),
  });

describe("history of an AI agent's pull request", () => {
  it("names GraphQL's bots as webhooks do and never credits them", () => {
    expect(toHistoryActor(REVIEWER_BOT)).toEqual({
      login: "copilot-pull-request-reviewer[bot]",
      id: 175728472,
      bot: true,
    });
    expect(toHistoryActor(AGENT)).toMatchObject({ bot: true });
  });

  it("credits the people who reviewed and pushed, never the agent's merge or its reviewer bot", () => {
    const credits = pullRequestEntries(scope, agentPullRequest()).flatMap((entry) =>
      creditsFor(entry.activity, entry.files ? { files: entry.files } : {}),
    );
    expect(credits.map((credit) => [credit.actorLogin, credit.rule, credit.sourceKey])).toEqual([
      ["mona", "review.submitted", "review:4002"],
      ["mona", "unblock.stale-review", `stale-review:${REPO.fullName}#7`],
      ["lisa", "unblock.push", `unblock.push:${REPO.fullName}#7@${"b".repeat(40)}`],
    ]);
  });
});

describe("history of a direct commit", () => {
  const node = (message: string, associated: { number: number; mergedAt: string | null }[]) =>
    commitNodeSchema.parse({
      oid: "d".repeat(40),
      url: `${URL}/commit/${"d".repeat(40)}`,
      message,
      authoredDate: "2026-03-03T10:00:00Z",
      author: { user: MONA },
      associatedPullRequests: list(associated),
    });

  it("is credited when its message names a PR but GitHub associates no merged PR with it", () => {
    const [entry] = commitEntry(scope, node("Fix the docs (#12)", []), ["docs/guide.md"]);
    expect(entry?.commitInMergedPr).toBe(false);
    expect(creditsFor(entry!.activity).map((credit) => credit.rule)).toEqual(["docs.push"]);
  });

  it("is left to the PR when GitHub associates a merged PR with it", () => {
    const [entry] = commitEntry(
      scope,
      node("Fix the docs", [{ number: 12, mergedAt: "2026-03-03T10:00:00Z" }]),
      ["docs/guide.md"],
    );
    expect(entry?.commitInMergedPr).toBe(true);
  });
});
