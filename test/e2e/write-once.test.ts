import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { deliverAll } from "./helpers/deliver.js";
import {
  CLOSED_PR,
  commandComment,
  headOf,
  MERGED_PR,
  monthOf,
  registerMonth,
  repoOf,
} from "./helpers/scenario.js";
import { settled, useStack } from "./helpers/stack.js";

const CREDIT_MARKER = "<!-- gluework:credit -->";
const REPORT_MARKER = "<!-- gluework:report:2019-05 -->";

describe("GitHub losing the answer to a create", () => {
  const stack = useStack();
  it("makes exactly one check run, one credit comment, one reply and one report issue when every create answers 502 after it happened", async () => {
    const dotGithub = repoOf(601, 9600, "acme-lost", ".github");
    const repo = repoOf(601, 9601, "acme-lost", "widgets");
    const name = `${repo.owner}/${repo.name}`;
    stack.double.addRepo(dotGithub);
    registerMonth(stack.double, repo);
    const lost = (path: RegExp, times = 2, only?: RegExp) =>
      stack.double.fail({
        method: "POST",
        path,
        status: 502,
        times,
        after: true,
        ...(only ? { bodyMatches: only } : {}),
      });
    const faults = [
      lost(new RegExp(`^/repos/${name}/check-runs$`)),
      lost(new RegExp(`^/repos/${name}/issues/${MERGED_PR}/comments$`), 1),
      lost(new RegExp(`^/repos/${name}/issues/1/comments$`), 1),
    ];
    // The server's own schedule may open last month's report meanwhile: only May 2019's is lost.
    const report = lost(/^\/repos\/acme-lost\/\.github\/issues$/, 1, /gluework:report:2019-05/);

    const deliveries = [...monthOf(repo), commandComment(repo, 77, "octomember", "/gluework portfolio")];
    const answers = await deliverAll(stack.server.url, stack.credentials.webhookSecret, deliveries, 2);
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    await settled(stack.sql, 601);

    // Every fault was met: GitHub made the item, and the app heard 502.
    expect(faults.map((fault) => fault.times)).toEqual([0, 0, 0]);
    const runs = stack.double.checkRuns(name);
    expect(runs.map((run) => run.head_sha).sort()).toEqual([headOf(MERGED_PR), headOf(CLOSED_PR)].sort());
    const credit = stack.double.comments(name).filter((comment) => comment.body.includes(CREDIT_MARKER));
    expect(credit.map((comment) => comment.issue_number)).toEqual([MERGED_PR]);
    const replies = stack.double.comments(name, 1).filter((c) => c.body.includes("gluework:reply:77"));
    expect(replies).toHaveLength(1);

    // The operator publishes; the first run hears 502 for the issue it opened and fails, the second finds it.
    const first = await runCli(["publish", "--installation", "601", "--month", "2019-05"], stack.cliEnv());
    expect(first.code).not.toBe(0);
    const second = await runCli(["publish", "--installation", "601", "--month", "2019-05"], stack.cliEnv());
    expect(second.code).toBe(0);
    expect(report.times).toBe(0);
    const issues = stack.double.issues("acme-lost/.github").filter((i) => i.body.includes(REPORT_MARKER));
    expect(issues).toHaveLength(1);
  });
});
