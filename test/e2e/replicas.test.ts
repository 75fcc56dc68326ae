import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerLines, report, runCli } from "./helpers/cli.js";
import { type Delivery, deliver, deliverAll, shuffled } from "./helpers/deliver.js";
import {
  CLOSED_PR,
  expectedLedger,
  headOf,
  MERGED_PR,
  monthOf,
  registerMonth,
  repoOf,
} from "./helpers/scenario.js";
import { type Stack, settled, startStack } from "./helpers/stack.js";
import { onPostgres } from "./helpers/store.js";

describe.skipIf(!onPostgres())(
  "three replicas on one PostgreSQL (DATABASE_URL only: the embedded store serves a single process)",
  () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack({ replicas: 3 });
    });
    afterAll(async () => {
      if (stack) expect(await stack.stop()).toEqual([0, 0, 0]);
    });

    it("keeps one ledger, one check run per head, one credit comment and one report issue", async () => {
      const repo = repoOf(501, 9501, "org-r", "widgets");
      const name = "org-r/widgets";
      registerMonth(stack.double, repo);
      const month = monthOf(repo);
      const secret = stack.credentials.webhookSecret;

      // Every replica gets every delivery, each in its own order, all at once: GitHub retrying
      // through a load balancer. A 5xx is GitHub's cue to redeliver, so it is redelivered.
      const lanes = stack.servers.map((server, index) =>
        deliverAll(server.url, secret, shuffled(month, index + 1), 2).then((answers) =>
          shuffled(month, index + 1).filter((_, i) => (answers[i]?.status ?? 0) !== 200),
        ),
      );
      let failed: Delivery[] = (await Promise.all(lanes)).flat();
      for (let round = 0; failed.length > 0 && round < 5; round += 1) {
        const again: Delivery[] = [];
        for (const [index, delivery] of failed.entries()) {
          const server = stack.servers[index % stack.servers.length];
          const answer = await deliver(server?.url ?? "", secret, delivery);
          if (answer.status !== 200) again.push(delivery);
        }
        failed = again;
      }
      expect(failed).toEqual([]);
      await settled(stack.sql);

      expect(ledgerLines(await report(501, stack.cliEnv()))).toEqual(expectedLedger(repo));
      const runs = stack.double.checkRuns(name);
      expect(runs.map((run) => run.head_sha).sort()).toEqual([headOf(MERGED_PR), headOf(CLOSED_PR)].sort());
      for (const run of runs) expect(run).toMatchObject({ status: "completed", conclusion: "neutral" });
      const credit = stack.double.comments(name).filter((c) => c.body.includes("<!-- gluework:credit -->"));
      expect(credit.map((comment) => comment.issue_number)).toEqual([MERGED_PR]);
      expect(stack.double.writes("create-check-run")).toHaveLength(2);
      expect(stack.double.writes("create-comment")).toHaveLength(1);

      // Three operators publish May 2019 at the same moment.
      const published = await Promise.all(
        [0, 1, 2].map(() =>
          runCli(["publish", "--installation", "501", "--month", "2019-05"], stack.cliEnv()),
        ),
      );
      expect(published.map((run) => run.code)).toEqual([0, 0, 0]);
      const marker = "<!-- gluework:report:2019-05 -->";
      const issues = stack.double.issues(name).filter((issue) => issue.body.includes(marker));
      expect(issues).toHaveLength(1);
      expect(issues[0]?.body).toContain("octoreviewer");
      const created = stack.double
        .writes("create-issue")
        .filter((write) => (write.body as { body: string }).body.includes(marker));
      expect(created).toHaveLength(1);
      expect(stack.double.unexpected).toEqual([]);
      for (const server of stack.servers) expect(server.child.exitCode).toBeNull();
    });
  },
);
