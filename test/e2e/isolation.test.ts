import { describe, expect, it } from "vitest";
import { example } from "../helpers/examples.js";
import { type CliResult, ledgerLines, type ReportJson, report, runCli } from "./helpers/cli.js";
import { deliver, deliverAll } from "./helpers/deliver.js";
import {
  commandComment,
  expectedLedger,
  MERGED_PR,
  monthOf,
  pullRequestStory,
  registerMonth,
  repoOf,
  withActor,
} from "./helpers/scenario.js";
import { classified, eventually, settled, storedRows, useStack } from "./helpers/stack.js";

/** Every CLI run of this file, so its output can be searched for secrets too. */
const cliRuns: CliResult[] = [];

describe("isolation and privacy", () => {
  const stack = useStack();
  const cli = async (args: string[]) => {
    const result = await runCli(args, stack.cliEnv());
    cliRuns.push(result);
    return result;
  };
  const reportOf = async (installationId: number): Promise<ReportJson> => {
    const json = await report(installationId, stack.cliEnv());
    cliRuns.push({ code: 0, stdout: JSON.stringify(json), stderr: "" });
    return json;
  };
  const send = (deliveries: Parameters<typeof deliverAll>[2], concurrency = 1) =>
    deliverAll(stack.server.url, stack.credentials.webhookSecret, deliveries, concurrency);

  it("keeps two installations apart in reports, check runs and comments", async () => {
    // The same repository name, PR numbers and head shas in both: only the installation differs.
    const a = repoOf(301, 9301, "org-a", "widgets");
    const b = repoOf(302, 9302, "org-b", "widgets");
    registerMonth(stack.double, a);
    registerMonth(stack.double, b);
    const monthA = monthOf(a);
    const monthB = withActor(monthOf(b), "octoreviewer", "breviewer");
    const answers = await send([...monthA, ...monthB], 3);
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    await settled(stack.sql);

    const reportA = await reportOf(301);
    const reportB = await reportOf(302);
    expect(ledgerLines(reportA)).toEqual(expectedLedger(a));
    expect(JSON.stringify(reportA)).not.toMatch(/org-b|breviewer/);
    expect(JSON.stringify(reportB)).not.toMatch(/org-a|octoreviewer/);
    expect((await reportOf(399)).contributors).toEqual([]);

    for (const [own, other, stranger] of [
      ["org-a/widgets", "org-b", "breviewer"],
      ["org-b/widgets", "org-a", "octoreviewer"],
    ] as const) {
      const outputs = [
        ...stack.double.checkRuns(own).map((run) => run.output?.summary ?? ""),
        ...stack.double.comments(own).map((comment) => comment.body),
      ];
      expect(outputs.length).toBe(3);
      for (const text of outputs) {
        expect(text).not.toContain(other);
        expect(text).not.toContain(stranger);
      }
    }
    // Every request about a repository carried a token of that repository's installation.
    for (const request of stack.double.requests.filter((r) => r.path.startsWith("/repos/"))) {
      const owner = request.path.split("/")[2];
      if (owner === "org-a") expect(request.installationId).toBe(301);
      if (owner === "org-b") expect(request.installationId).toBe(302);
    }
  });

  it("never lets a private repository reach a public report issue", async () => {
    const dotGithub = repoOf(303, 9303, "org-c", ".github");
    const open = repoOf(303, 9304, "org-c", "widgets");
    const hidden = repoOf(303, 9305, "org-c", "secret-sauce", true);
    stack.double.addRepo(dotGithub);
    registerMonth(stack.double, open);
    registerMonth(stack.double, hidden);
    const secretStory = withActor(pullRequestStory(hidden, MERGED_PR), "octoreviewer", "shadowreviewer");
    const answers = await send([...monthOf(open), ...secretStory]);
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    await settled(stack.sql, 303);

    // The operator's view includes the private repository.
    expect(ledgerLines(await reportOf(303))).toContain("shadowreviewer review.submitted org-c/secret-sauce");

    for (let run = 0; run < 2; run += 1) {
      const published = await cli(["publish", "--installation", "303", "--month", "2019-05"]);
      expect(published.code).toBe(0);
    }
    // One issue for May 2019 (the server's own schedule may add one for last month, empty).
    const mine = (issue: { body: string }) => issue.body.includes("<!-- gluework:report:2019-05 -->");
    const issues = stack.double.issues("org-c/.github").filter(mine);
    expect(issues).toHaveLength(1);
    expect(stack.double.issues().filter((issue) => issue.installationId === 303 && mine(issue))).toHaveLength(
      1,
    );
    const [issue] = issues;
    expect(issue?.labels).toEqual(["gluework"]);
    expect(issue?.body).toContain("octoreviewer");
    expect(`${issue?.title}\n${issue?.body}`).not.toMatch(/secret-sauce|shadowreviewer|9305/i);
    expect(issue?.body).toMatch(/1 (private )?repositor/i);
    const creations = stack.double
      .writes("create-issue")
      .filter((write) => mine(write.body as { body: string }));
    expect(creations).toHaveLength(1);
    for (const other of stack.double.issues().filter((i) => i.installationId === 303)) {
      expect(`${other.title}\n${other.body}`).not.toMatch(/secret-sauce|shadowreviewer/i);
    }
  });

  it("removes everything of an installation on installation.deleted, even with writes still queued", async () => {
    const gone = repoOf(304, 9306, "org-d", "widgets");
    const kept = repoOf(305, 9307, "org-e", "widgets");
    registerMonth(stack.double, gone);
    registerMonth(stack.double, kept);
    await send([...monthOf(gone), ...monthOf(kept)], 2);
    await classified(stack.sql);
    const before = await storedRows(stack.sql, 305);
    const keptLedger = ledgerLines(await reportOf(305));

    const deleted = example("installation", "deleted", 304);
    expect(
      (
        await deliver(stack.server.url, stack.credentials.webhookSecret, {
          id: "del-304",
          name: "installation",
          payload: deleted,
        })
      ).status,
    ).toBe(200);
    await settled(stack.sql);

    const after = await storedRows(stack.sql, 304);
    expect(Object.entries(after).filter(([, count]) => count > 0)).toEqual([]);
    expect((await reportOf(304)).contributors).toEqual([]);
    expect(ledgerLines(await reportOf(305))).toEqual(keptLedger);
    expect((await storedRows(stack.sql, 305)).credits).toBe(before.credits);
  });

  it("lets a command act only for its commenter, and opt-out removes that person everywhere", async () => {
    const repo = repoOf(306, 9308, "org-f", "widgets");
    registerMonth(stack.double, repo);
    await send(monthOf(repo));
    await settled(stack.sql, 306);
    const optOut = commandComment(repo, 8801, "octolate", "/gluework opt-out");
    // Someone asking to opt another person out only opts themselves out.
    const forOthers = commandComment(repo, 8802, "octomember", "/gluework opt-out octoreviewer");
    const answers = await send([optOut, forOthers, optOut], 2);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    await settled(stack.sql, 306);

    const logins = (await reportOf(306)).contributors.map((person) => person.login);
    expect(logins).not.toContain("octolate");
    expect(logins).not.toContain("octomember");
    expect(logins).toContain("octoreviewer");
    const replies = stack.double.comments("org-f/widgets").filter((c) => c.body.includes("gluework:reply"));
    expect(replies.map((reply) => reply.body.match(/@[\w-]+/)?.[0]).sort()).toEqual([
      "@octolate",
      "@octomember",
    ]);
    // The merged PR's credit comment and check run no longer name the person who opted out.
    const credit = stack.double
      .comments("org-f/widgets", MERGED_PR)
      .find((c) => c.body.includes("gluework:credit"));
    expect(credit?.body).toContain("[octoreviewer](");
    expect(credit?.body).not.toContain("octolate");
    for (const run of stack.double.checkRuns("org-f/widgets"))
      expect(run.output?.summary).not.toContain("octolate");
  });

  it("never writes a secret to the logs of the server or the CLI, failures included", async () => {
    const repo = repoOf(307, 9309, "org-g", "widgets");
    registerMonth(stack.double, repo);
    // Failures log the most: a read failing past the retries (the queued activity retried),
    // failing writes, a forged delivery, a CLI publish that GitHub refuses.
    const outage = stack.double.fail({
      method: "GET",
      path: /^\/repos\/org-g\/widgets\/pulls\/2\/files$/,
      status: 500,
      times: 100,
    });
    const batchedOutage = stack.double.fail({
      method: "POST",
      path: /^\/api\/graphql$/,
      status: 502,
      times: 100,
    });
    stack.double.fail({
      method: "POST",
      path: /^\/repos\/org-g\/widgets\/check-runs$/,
      status: 502,
      times: 3,
    });
    const story = pullRequestStory(repo, MERGED_PR);
    expect((await send(story)).map((answer) => answer.status)).toEqual([200, 200]);
    await eventually("the classify worker to log the outage", () =>
      stack.server.logs().includes("activity not classified yet"),
    );
    outage.times = 0;
    batchedOutage.times = 0;
    await classified(stack.sql);
    const forged = await deliver(stack.server.url, "wrong-secret", story[0] as (typeof story)[0]);
    expect(forged.status).toBeGreaterThanOrEqual(400);
    stack.double.fail({ method: "GET", path: /^\/installation\/repositories$/, status: 500, times: 10 });
    expect((await cli(["publish", "--installation", "307", "--month", "2019-05"])).code).not.toBe(0);
    await settled(stack.sql, 307);

    const { privateKey, webhookSecret } = stack.credentials;
    const tokens = [...stack.double.state.tokens.keys()];
    const jwts = stack.double.requests
      .map((request) => /^bearer (.+)$/i.exec(request.authorization ?? "")?.[1])
      .filter((jwt): jwt is string => Boolean(jwt));
    expect(tokens.length).toBeGreaterThan(0);
    expect(jwts.length).toBeGreaterThan(0);
    const keyLines = privateKey.split("\n").filter((line) => line.length > 40 && !line.startsWith("-----"));
    const secrets = [webhookSecret, ...tokens, ...jwts, ...keyLines];
    const logs = [stack.server.logs(), ...cliRuns.flatMap((run) => [run.stdout, run.stderr])].join("\n");
    expect(logs.length).toBeGreaterThan(1000);
    expect(secrets.filter((secret) => logs.includes(secret))).toEqual([]);
    // Escaped in JSON (a key's newlines as \n) it must not appear either.
    expect(logs).not.toContain(JSON.stringify(privateKey).slice(1, 120));
  });
});
