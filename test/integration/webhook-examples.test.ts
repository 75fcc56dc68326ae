import { beforeEach, describe, expect, it } from "vitest";
import { examplesOf } from "../helpers/examples.js";
import { mockGitHubReadsGenerously } from "../helpers/github-reads.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { credited } from "../helpers/ledger.js";
import { createTestProbot, receive } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";

/** The events Gluework subscribes to (app.yml). */
const SUBSCRIBED = [
  "pull_request",
  "pull_request_review",
  "pull_request_review_comment",
  "issues",
  "issue_comment",
  "push",
  "milestone",
  "release",
  "discussion",
  "discussion_comment",
  "repository",
  "team",
  "membership",
  "organization",
  "installation",
] as const;

/**
 * What the untouched examples earn. Nearly every example acts on Codertocat's own item, so
 * little is glue; what is left must be exactly this.
 */
const EXPECTED: Record<(typeof SUBSCRIBED)[number], [string, string][]> = {
  pull_request: [],
  pull_request_review: [],
  pull_request_review_comment: [],
  issues: [
    ["Codertocat", "planning.milestone"],
    ["Codertocat", "triage.transfer"],
  ],
  issue_comment: [],
  push: [["Codertocat", "docs.push"]],
  milestone: [
    ["Codertocat", "planning.milestone"],
    ["Codertocat", "planning.milestone"],
  ],
  release: [["Codertocat", "release.published"]],
  discussion: [["dan2wik", "support.accepted"]],
  discussion_comment: [],
  repository: [],
  team: [],
  membership: [],
  organization: [],
  installation: [],
};

type Json = Record<string, unknown>;

/** Each example of `event`, with an installation attached where GitHub's example has none. */
const deliveriesOf = (event: string): Json[] =>
  examplesOf(event).map((payload) =>
    payload.installation
      ? payload
      : { ...payload, installation: { id: 1, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" } },
  );

/** Every account object anywhere in a payload (anything with a login and a type). */
const accountsIn = (value: unknown, found: Json[] = []): Json[] => {
  if (Array.isArray(value)) for (const item of value) accountsIn(item, found);
  else if (value && typeof value === "object") {
    const object = value as Json;
    if (typeof object.login === "string" && typeof object.type === "string") found.push(object);
    for (const child of Object.values(object)) accountsIn(child, found);
  }
  return found;
};

/** Commit authors and committers of a push, who carry a username but no type. */
const commitIdentitiesIn = (payload: Json): Json[] =>
  [
    ...((payload.commits as Json[] | undefined) ?? []),
    ...(payload.head_commit ? [payload.head_commit as Json] : []),
  ]
    .flatMap((commit) => [commit.author as Json | undefined, commit.committer as Json | undefined])
    .filter((identity): identity is Json => Boolean(identity));

/** The example with every account turned into a bot: by `type: Bot`, or by a login ending in `[bot]`. */
const asBots = (payload: Json, how: "type" | "login"): Json => {
  const copy = structuredClone(payload);
  for (const account of accountsIn(copy)) {
    if (how === "type") account.type = "Bot";
    else account.login = `${account.login}[bot]`;
  }
  if (how === "login") {
    for (const identity of commitIdentitiesIn(copy)) {
      if (typeof identity.username === "string") identity.username = `${identity.username}[bot]`;
    }
  }
  return copy;
};

const botLoginsOfExamples = (): Set<string> =>
  new Set(
    SUBSCRIBED.flatMap((event) => examplesOf(event).flatMap((payload) => accountsIn(payload)))
      .filter((account) => account.type === "Bot")
      .map((account) => String(account.login).toLowerCase()),
  );

describe.each(storeKinds())("@octokit/webhooks-examples on %s store", (kind) => {
  const store = useIntegrationStore(kind);
  let reads: ReturnType<typeof mockGitHubReadsGenerously>;
  beforeEach(() => {
    reads = mockGitHubReadsGenerously();
  });

  /** Receives every example of `event`; returns the ones that failed, by index and error. */
  const receiveAll = async (event: string, payloads: Json[]): Promise<string[]> => {
    const probot = createTestProbot(store.sql);
    const failures: string[] = [];
    for (const [index, payload] of payloads.entries()) {
      try {
        await receive(probot, event, payload, `${event}-${index}`);
      } catch (error) {
        failures.push(`${event}[${index}] ${String(payload.action ?? "")}: ${String(error)}`);
      }
    }
    return failures;
  };

  it("has examples for every subscribed event", () => {
    for (const event of SUBSCRIBED) expect(examplesOf(event).length, event).toBeGreaterThan(0);
  });

  it.each(SUBSCRIBED)("receives every %s example without an error and credits no bot", async (event) => {
    const payloads = deliveriesOf(event);
    expect(await receiveAll(event, payloads)).toEqual([]);
    const rows = await credited(store.sql);
    const bots = botLoginsOfExamples();
    for (const [login] of rows) {
      expect(login.toLowerCase().endsWith("[bot]"), login).toBe(false);
      expect(bots.has(login.toLowerCase()), login).toBe(false);
    }
    expect(rows).toEqual(EXPECTED[event]);
  });

  it("asked GitHub for the config and a commit's PRs while replaying the examples, and for no PR's files", async () => {
    for (const event of SUBSCRIBED) expect(await receiveAll(event, deliveriesOf(event))).toEqual([]);
    expect(reads.calls.config).toBeGreaterThan(0);
    expect(reads.calls.commitPulls).toBeGreaterThan(0);
    // Every review and PR comment in GitHub's examples is by the PR's author (or a bot), and no
    // example merges a PR: the files could change no credit, so they are never read.
    expect(reads.calls.files).toBe(0);
  });

  it.each(
    SUBSCRIBED.flatMap((event) => [
      [event, "type" as const],
      [event, "login" as const],
    ]),
  )("credits nothing for any %s example whose accounts are all bots (by %s)", async (event, how) => {
    const payloads = deliveriesOf(event).map((payload) => asBots(payload, how));
    expect(await receiveAll(event, payloads)).toEqual([]);
    expect(await credited(store.sql)).toEqual([]);
  });
});
