import { describe, expect, it } from "vitest";
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
import { eventually, settled, useStack } from "./helpers/stack.js";

/** The longest another installation may hold up a check run, on top of its two-second coalescing. */
const FEW_SECONDS = 6_000;

describe("one installation never holds up another", () => {
  const stack = useStack();
  const send = (deliveries: Parameters<typeof deliverAll>[2]) =>
    deliverAll(stack.server.url, stack.credentials.webhookSecret, deliveries, 2);

  it("writes an installation's check runs within seconds while another is rate-limited and a third's GitHub requests hang", async () => {
    const limited = repoOf(701, 9701, "acme-limited", "widgets");
    const hung = repoOf(702, 9702, "acme-hung", "widgets");
    const calm = repoOf(703, 9703, "acme-calm", "widgets");
    for (const repo of [limited, hung, calm]) registerMonth(stack.double, repo);
    const reset = String(Math.floor(Date.now() / 1000) + 45);
    const checkRuns = (repo: typeof calm) => new RegExp(`^/repos/${repo.owner}/${repo.name}/check-runs`);
    stack.double.fail({
      method: "POST",
      path: checkRuns(limited),
      status: 403,
      times: 1_000,
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset },
      body: { message: "API rate limit exceeded for installation ID 701." },
    });
    const hang = stack.double.fail({ path: checkRuns(hung), status: 504, times: 1_000, hang: true });

    const troubled = [...monthOf(limited), ...monthOf(hung)];
    expect((await send(troubled)).filter((answer) => answer.status !== 200)).toEqual([]);
    const met = (repo: typeof calm) => () =>
      stack.double.requests.some((r) => r.route === "fault" && checkRuns(repo).test(r.path));
    await eventually("the rate limit and the hung request to be met", () => met(limited)() && met(hung)());

    const sent = Date.now();
    expect((await send(monthOf(calm))).filter((answer) => answer.status !== 200)).toEqual([]);
    const answered = Date.now();
    await eventually(
      "the calm installation's check runs",
      () => stack.double.checkRuns("acme-calm/widgets").length === 2,
    );
    const created = stack.double
      .writes("create-check-run")
      .filter((write) => write.path.startsWith("/repos/acme-calm/"));
    expect(created.map((write) => (write.body as { head_sha: string }).head_sha).sort()).toEqual(
      [headOf(MERGED_PR), headOf(CLOSED_PR)].sort(),
    );
    for (const write of created) expect(write.at - answered).toBeLessThan(2_000 + FEW_SECONDS);
    expect(answered - sent).toBeLessThan(FEW_SECONDS);

    // The limited installation was not asked again before its reset; the hung one is still failing.
    const limitedAsks = stack.double.requests.filter(
      (r) => r.method === "POST" && checkRuns(limited).test(r.path),
    );
    expect(limitedAsks).toHaveLength(1);
    expect(stack.double.checkRuns("acme-hung/widgets")).toEqual([]);
    // Once GitHub answers again, the hung installation catches up too.
    hang.times = 0;
    await eventually(
      "the hung installation's check runs",
      () => stack.double.checkRuns("acme-hung/widgets").length === 2,
    );
  });

  it("answers 150 commands from one person with a bounded number of replies, and keeps another installation's check runs prompt", async () => {
    const noisy = repoOf(704, 9704, "acme-noisy", "widgets");
    const calm = repoOf(705, 9705, "acme-calm2", "widgets");
    for (const repo of [noisy, calm]) registerMonth(stack.double, repo);
    const commands = Array.from({ length: 150 }, (_, i) =>
      commandComment(
        noisy,
        5_000 + i,
        "octovisitor",
        i % 2 === 0 ? "/gluework portfolio" : "/gluework opt-out",
      ),
    );
    const flood = send(commands);
    const sent = Date.now();
    expect((await send(monthOf(calm))).filter((answer) => answer.status !== 200)).toEqual([]);
    const answered = Date.now();
    expect((await flood).filter((answer) => answer.status !== 200)).toEqual([]);
    await eventually(
      "the calm installation's check runs",
      () => stack.double.checkRuns("acme-calm2/widgets").length === 2,
    );
    const created = stack.double
      .writes("create-check-run")
      .filter((w) => w.path.startsWith("/repos/acme-calm2/"));
    for (const write of created) expect(write.at - answered).toBeLessThan(2_000 + FEW_SECONDS);
    expect(answered - sent).toBeLessThan(FEW_SECONDS * 2);

    await settled(stack.sql, 704);
    const replies = stack.double
      .comments("acme-noisy/widgets", 1)
      .filter((c) => c.body.includes("gluework:reply:"));
    expect(replies.length).toBeGreaterThanOrEqual(1);
    expect(replies.length).toBeLessThanOrEqual(5);
    // Only one reply was ever pending for the person on the issue: no two replies answer one comment.
    expect(new Set(replies.map((reply) => /gluework:reply:(\d+)/.exec(reply.body)?.[1])).size).toBe(
      replies.length,
    );
  });
});
