import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { example } from "../helpers/examples.js";
import { ledgerItems, ledgerLines, report } from "./helpers/cli.js";
import { type Delivery, deliver, deliverAll, shuffled, sign } from "./helpers/deliver.js";
import {
  CLOSED_PR,
  EXPECTED_CREDITS,
  expectedLedger,
  headOf,
  MERGED_PR,
  monthOf,
  registerMonth,
  repoOf,
  retarget,
} from "./helpers/scenario.js";
import { classified, nothingStored, type Stack, settled, startStack, storedRows } from "./helpers/stack.js";

const CREDIT_MARKER = "<!-- gluework:credit -->";

describe("the webhook pipeline over HTTP", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    // SIGTERM stops the server cleanly: exit code 0, no crash on the way.
    expect(await stack?.stop()).toEqual([0]);
  });
  afterEach(() => {
    expect(stack.double.unexpected).toEqual([]);
  });

  /** The outputs GitHub should show for the month's repository once the outbox has drained. */
  const expectOutputs = (repo: ReturnType<typeof repoOf>) => {
    const name = `${repo.owner}/${repo.name}`;
    const runs = stack.double.checkRuns(name);
    expect(runs.map((run) => run.head_sha).sort()).toEqual([headOf(MERGED_PR), headOf(CLOSED_PR)].sort());
    for (const run of runs) {
      expect(run).toMatchObject({
        name: "Glue work",
        status: "completed",
        conclusion: "neutral",
        external_id: "gluework",
      });
    }
    const merged = runs.find((run) => run.head_sha === headOf(MERGED_PR));
    expect(merged?.output?.summary).toContain("@octoreviewer");
    expect(merged?.output?.summary).toContain("@octolate");
    const credit = stack.double.comments(name).filter((comment) => comment.body.includes(CREDIT_MARKER));
    expect(credit.map((comment) => comment.issue_number)).toEqual([MERGED_PR]);
    expect(credit[0]?.body).toContain("@octoreviewer");
    expect(stack.double.comments(name, CLOSED_PR)).toEqual([]);
    const writes = stack.double.writes().filter((write) => write.path.startsWith(`/repos/${name}/`));
    expect(writes.filter((write) => write.route === "create-check-run")).toHaveLength(2);
    expect(writes.filter((write) => write.route === "create-comment")).toHaveLength(1);
    for (const write of writes) expect(write.installationId).toBe(repo.installationId);
  };

  it("credits a month of real deliveries, sent once in order, as the rules say", async () => {
    const repo = repoOf(101, 9101, "acme", "widgets");
    registerMonth(stack.double, repo);
    const answers = await deliverAll(stack.server.url, stack.credentials.webhookSecret, monthOf(repo), 1);
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));

    // What needs a GitHub read (the PR's files) is credited by the classify worker shortly after.
    await classified(stack.sql);
    const ledger = await report(101, stack.cliEnv());
    expect(ledgerLines(ledger)).toEqual(expectedLedger(repo));
    expect(ledger.installation).toBe(101);
    const reviewer = ledger.contributors.find((person) => person.login === "octoreviewer");
    expect(reviewer).toMatchObject({ glue: 3, code: 0, categories: { "code-review": 2, unblocking: 1 } });

    await settled(stack.sql, 101);
    expectOutputs(repo);
  });

  it("gives the same ledger and the same outputs when every delivery comes three times, shuffled", async () => {
    const once = repoOf(102, 9102, "acme-once", "widgets");
    const thrice = repoOf(103, 9103, "acme-thrice", "widgets");
    registerMonth(stack.double, once);
    registerMonth(stack.double, thrice);
    await deliverAll(stack.server.url, stack.credentials.webhookSecret, monthOf(once), 1);
    const month = monthOf(thrice);
    const answers = await deliverAll(
      stack.server.url,
      stack.credentials.webhookSecret,
      shuffled([...month, ...month, ...month], 7),
      3,
    );
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);

    await classified(stack.sql);
    const inOrder = ledgerItems(await report(102, stack.cliEnv())).map((item) =>
      item.replaceAll("acme-once/widgets", "acme-thrice/widgets"),
    );
    const repeated = ledgerItems(await report(103, stack.cliEnv()));
    expect(repeated).toHaveLength(EXPECTED_CREDITS.length);
    expect(repeated).toEqual(inOrder);

    await settled(stack.sql);
    expectOutputs(thrice);
  });

  it("rejects a delivery with a wrong, missing or stale signature (4xx) and stores nothing", async () => {
    const repo = repoOf(104, 9104, "acme-forged", "widgets");
    registerMonth(stack.double, repo);
    const [merged] = monthOf(repo);
    const delivery = merged as Delivery;
    const body = JSON.stringify(delivery.payload);
    const url = stack.server.url;
    const secret = stack.credentials.webhookSecret;
    const answers = [
      await deliver(url, secret, delivery, { signature: sign("not-the-secret", body) }),
      await deliver(url, secret, delivery, { signature: null }),
      await deliver(url, secret, delivery, { signature: "sha256=" }),
      await deliver(url, secret, delivery, {
        signature: sign(secret, body),
        rawBody: body.replace('"octowriter"', '"mallory"'),
      }),
      await deliver(url, secret, delivery, { signature: sign(secret, body).replace("sha256=", "sha1=") }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
    }
    expect((await report(104, stack.cliEnv())).contributors).toEqual([]);
    expect(nothingStored(await storedRows(stack.sql, 104))).toBe(true);
    expect(stack.double.requests.filter((request) => request.path.includes("acme-forged"))).toEqual([]);
  });

  it("answers unknown events and actions with 2xx and stores nothing", async () => {
    const repo = repoOf(105, 9105, "acme-quiet", "widgets");
    registerMonth(stack.double, repo);
    const moved = (name: string, action?: string) => retarget(example(name, action), repo);
    const frobnicated = moved("issues", "opened");
    frobnicated.action = "frobnicated";
    const deliveries: Delivery[] = [
      { id: "u-1", name: "star", payload: moved("star", "created") },
      {
        id: "u-2",
        name: "ping",
        payload: { zen: "Design for failure.", hook_id: 1, installation: { id: 105 } },
      },
      { id: "u-3", name: "issues", payload: moved("issues", "pinned") },
      { id: "u-4", name: "issues", payload: frobnicated },
      { id: "u-5", name: "release", payload: moved("release", "deleted") },
      { id: "u-6", name: "issue_comment", payload: moved("issue_comment", "deleted") },
      { id: "u-7", name: "frobnication", payload: { action: "made", installation: { id: 105 } } },
      { id: "u-8", name: "discussion", payload: moved("discussion", "category_changed") },
    ];
    const answers = await deliverAll(stack.server.url, stack.credentials.webhookSecret, deliveries, 1);
    expect(answers.map((answer) => answer.status)).toEqual(deliveries.map(() => 200));
    expect(nothingStored(await storedRows(stack.sql, 105))).toBe(true);
    expect((await report(105, stack.cliEnv())).contributors).toEqual([]);
    expect(stack.double.requests.filter((request) => request.installationId === 105)).toEqual([]);
  });
});
