import { describe, expect, it } from "vitest";
import type { Author, DoubleRepo } from "../../src/github-double/state.js";
import { example } from "../helpers/examples.js";
import { runCli } from "./helpers/cli.js";
import { type Delivery, deliverAll } from "./helpers/deliver.js";
import {
  commandComment,
  headOf,
  MERGED_PR,
  monthOf,
  pullRequestStory,
  registerMonth,
  repoOf,
  retarget,
  withActor,
} from "./helpers/scenario.js";
import { classified, eventually, settled, useStack } from "./helpers/stack.js";

const mallory: Author = { login: "mallory", id: 6660, type: "User" };
const MAY_2019 = "<!-- gluework:report:2019-05 -->";

/** A `repository` delivery about `repo` as GitHub describes it now. */
const repositoryEvent = (repo: DoubleRepo, action: string): Delivery => {
  const payload = retarget(example("repository", action === "privatized" ? "privatized" : "renamed"), repo);
  payload.action = action;
  return { id: `${repo.installationId}-${repo.id}-repository-${action}`, name: "repository", payload };
};

/** The story of PR #2 of `repo`, reviewed by `reviewer` (review `reviewId`, submitted `at`). */
const reviewedStory = (repo: DoubleRepo, reviewer: string, reviewId: number, at?: string): Delivery[] => {
  const story = withActor(pullRequestStory(repo, MERGED_PR), "octoreviewer", reviewer);
  const [reviewed] = story as unknown as [{ payload: { review: Record<string, unknown> } }];
  const { review } = reviewed.payload;
  review.id = reviewId;
  review.html_url = `https://github.com/${repo.owner}/${repo.name}/pull/${MERGED_PR}#pullrequestreview-${reviewId}`;
  if (at) review.submitted_at = at;
  // Delivery ids unique to the repository: a repeated id would be a redelivery.
  return story.map((delivery) => ({ ...delivery, id: `${delivery.id}-${repo.id}` }));
};

describe("only the app's own items, and privacy by id and current visibility", () => {
  const stack = useStack();
  const send = async (deliveries: Delivery[]) => {
    const answers = await deliverAll(stack.server.url, stack.credentials.webhookSecret, deliveries, 1);
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
  };
  const publish = async (installationId: number) => {
    const result = await runCli(
      ["publish", "--installation", String(installationId), "--month", "2019-05"],
      stack.cliEnv(),
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  };
  const mayIssue = (repo: string) => stack.double.issues(repo).find((issue) => issue.body.includes(MAY_2019));

  it("ignores forged markers: a user's credit comment, reply marker and report issue, another app's check run", async () => {
    const dotGithub = repoOf(401, 9401, "org-m", ".github");
    const repo = repoOf(401, 9402, "org-m", "widgets");
    stack.double.addRepo(dotGithub);
    registerMonth(stack.double, repo);
    const state = stack.double.state;
    const forged = {
      credit: {
        id: 1,
        repo: "org-m/widgets",
        issue_number: MERGED_PR,
        body: "<!-- gluework:credit -->\nmine",
      },
      reply: { id: 2, repo: "org-m/widgets", issue_number: 1, body: "<!-- gluework:reply:8901 -->\nhush" },
    };
    for (const comment of Object.values(forged))
      state.comments.push({ ...comment, user: mallory, installationId: 401 });
    state.checkRuns.push({
      id: 3,
      repo: "org-m/widgets",
      name: "Glue work",
      head_sha: headOf(MERGED_PR),
      external_id: "gluework",
      status: "completed",
      conclusion: "success",
      output: { title: "Another app's run", summary: "not Gluework's" },
      app: { id: 31337, slug: "impostor" },
      installationId: 401,
    });
    state.issues.push({
      number: 4,
      repo: "org-m/.github",
      title: "Glue work report",
      body: `${MAY_2019}\nforged report`,
      labels: ["gluework"],
      state: "open",
      user: mallory,
      installationId: 401,
    });

    await send([...monthOf(repo), commandComment(repo, 8901, "octomember", "/gluework opt-in")]);
    await settled(stack.sql, 401);
    await publish(401);

    // The forged items are untouched; the app made its own beside them.
    expect(
      stack.double.comments("org-m/widgets", MERGED_PR).map((c) => [c.user.login, c.body.split("\n")[0]]),
    ).toEqual([
      ["mallory", "<!-- gluework:credit -->"],
      ["gluework[bot]", "<!-- gluework:credit -->"],
    ]);
    expect(stack.double.comments("org-m/widgets").find((c) => c.id === 1)?.body).toBe(forged.credit.body);
    const replies = stack.double
      .comments("org-m/widgets", 1)
      .filter((c) => c.body.includes("gluework:reply:8901"));
    expect(replies.map((c) => c.user.login)).toEqual(["mallory", "gluework[bot]"]);
    const runs = stack.double.checkRuns("org-m/widgets").filter((run) => run.head_sha === headOf(MERGED_PR));
    expect(runs.map((run) => [run.app.slug, run.output?.title])).toEqual([
      ["impostor", "Another app's run"],
      ["gluework", expect.stringContaining("did glue work on this PR")],
    ]);
    const issues = stack.double.issues("org-m/.github");
    expect(issues.map((issue) => [issue.user.login, issue.body.includes("forged report")])).toEqual([
      ["mallory", true],
      ["gluework[bot]", false],
    ]);
    // GitHub was asked who the app is, with the app's JWT.
    expect(stack.double.requests.some((request) => request.route === "app" && request.status === 200)).toBe(
      true,
    );
  });

  it("drops a repository made private from the next public report", async () => {
    const dotGithub = repoOf(402, 9411, "org-v", ".github");
    const open = repoOf(402, 9412, "org-v", "open");
    const flip = repoOf(402, 9413, "org-v", "flip");
    stack.double.addRepo(dotGithub);
    registerMonth(stack.double, open);
    registerMonth(stack.double, flip);
    await send([...reviewedStory(open, "openreviewer", 1412), ...reviewedStory(flip, "flipreviewer", 1413)]);
    await settled(stack.sql, 402);
    await publish(402);
    expect(mayIssue("org-v/.github")?.body).toContain("flipreviewer");

    flip.private = true;
    await send([repositoryEvent(flip, "privatized")]);
    await eventually("the stored visibility to follow", async () => {
      const rows =
        await stack.sql`select bool_and(repo_private) as hidden from credits where repo_id = ${flip.id}`;
      return rows[0]?.hidden === true;
    });
    await publish(402);
    const body = mayIssue("org-v/.github")?.body ?? "";
    expect(body).toContain("openreviewer");
    expect(body).not.toMatch(/flipreviewer|org-v\/flip|1413/);
    expect(body).toMatch(/1 (private )?repositor/i);
  });

  it("shows nothing of a renamed private repository on the public repository that took its name", async () => {
    const hidden = repoOf(403, 9421, "org-r", "app", true);
    registerMonth(stack.double, hidden);
    await send(reviewedStory(hidden, "hiddenreviewer", 1421));
    await settled(stack.sql, 403);

    // The private repository is renamed; a new public repository takes its old name.
    stack.double.state.repos.delete("org-r/app");
    hidden.name = "app-old";
    stack.double.addRepo(hidden);
    await send([repositoryEvent(hidden, "renamed")]);
    const taken = repoOf(403, 9422, "org-r", "app");
    registerMonth(stack.double, taken);
    await send(reviewedStory(taken, "publicreviewer", 1422));
    await classified(stack.sql);
    await settled(stack.sql, 403);

    const outputs = [
      ...stack.double.checkRuns("org-r/app").map((run) => run.output?.summary ?? ""),
      ...stack.double.comments("org-r/app").map((comment) => comment.body),
    ];
    expect(outputs.some((text) => text.includes("publicreviewer"))).toBe(true);
    for (const text of outputs) expect(text).not.toMatch(/hiddenreviewer|1421/);
    const stored = await stack.sql<
      { repo: string }[]
    >`select distinct repo from credits where repo_id = ${hidden.id}`;
    expect(stored.map((row) => row.repo)).toEqual(["org-r/app-old"]);
  });

  it("a portfolio in a private repository shows it and public ones, and counts what it left out", async () => {
    const pub = repoOf(404, 9431, "org-p", "pub");
    const mine = repoOf(404, 9432, "org-p", "priv-a", true);
    const other = repoOf(404, 9433, "org-p", "priv-b", true);
    for (const repo of [pub, mine, other]) registerMonth(stack.double, repo);
    const recent = new Date(Date.now() - 86_400_000).toISOString();
    await send([
      ...reviewedStory(pub, "octoreviewer", 1431, recent),
      ...reviewedStory(mine, "octoreviewer", 1432, recent),
      ...reviewedStory(other, "octoreviewer", 1433, recent),
    ]);
    await classified(stack.sql);
    await send([commandComment(mine, 8931, "octoreviewer", "/gluework portfolio")]);
    await settled(stack.sql, 404);
    const reply = stack.double.comments("org-p/priv-a").find((c) => c.body.includes("gluework:reply:8931"));
    expect(reply?.user.login).toBe("gluework[bot]");
    expect(reply?.body).toContain("org-p/pub");
    expect(reply?.body).toContain("org-p/priv-a");
    expect(reply?.body).not.toContain("priv-b");
    // priv-b's review (and the unblocking credit of its long-waiting PR) are counted, not shown.
    expect(reply?.body).toMatch(/2 credits in other repositories/);
  });
});
