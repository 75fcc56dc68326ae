import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import { REPLIES_PER_PERSON } from "../../src/handlers/commands.js";
import { queryCredits } from "../../src/store/query-credits.js";
import { recordCredits } from "../../src/store/record-credits.js";
import { applyTeamChange, saveTeamRead } from "../../src/store/teams.js";
import type { Credit } from "../../src/vocabulary/credit.js";
import { example, user } from "../helpers/examples.js";
import { botUserJson, issueCommentJson, mockApp, userJson } from "../helpers/github-items.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { openApiAnswerProblems, openApiProblems } from "../helpers/openapi.js";
import { defaultOrder } from "../helpers/order-rules.js";
import { API, createTestProbot, mockNoConfig, receive } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";
import { testWorker } from "../helpers/worker.js";

const OWNER = "Codertocat";
const REPO = "Hello-World";
const window = { installationId: 1, since: new Date("2000-01-01"), until: new Date("2100-01-01") };

/** The repositories of the installation, by name: id and whether they are public now. */
const REPOS = {
  "Hello-World": { id: 186853002, private: false },
  "secret-plans": { id: 2, private: true },
  "other-secret": { id: 3, private: true },
} as const;
type RepoName = keyof typeof REPOS;

/** People are their user ids; `mona` is the account that has the login now. */
const MONA = 7001;
const HUBOT = 7002;

const credit = (login: string, actorId: number, key: string, name: RepoName): Credit => ({
  installationId: 1,
  repoId: REPOS[name].id,
  repo: `${OWNER}/${name}`,
  repoPrivate: REPOS[name].private,
  actorLogin: login,
  actorId,
  category: "code-review",
  rule: "review.submitted",
  weight: 1,
  subjectType: "pull_request",
  subjectKey: `${OWNER}/${name}#1`,
  url: `https://github.com/${OWNER}/${name}/pull/1#pullrequestreview-${key}`,
  occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
  sourceKey: `review:${key}`,
});

/** GitHub's list of the installation's repositories, as it is now. */
const mockInstalledRepos = () =>
  nock(API)
    .get("/installation/repositories")
    .query(true)
    .reply(200, {
      total_count: 3,
      repositories: Object.entries(REPOS).map(([name, repo]) => ({
        id: repo.id,
        name,
        full_name: `${OWNER}/${name}`,
        private: repo.private,
        visibility: repo.private ? "private" : "public",
        owner: { login: OWNER, id: 1, type: "User" },
      })),
    });

describe.each(storeKinds())("/gluework commands on %s store", (kind) => {
  const store = useIntegrationStore(kind);
  beforeEach(async () => {
    await recordCredits(
      store.sql,
      { installationId: 1, deliveryId: "seed", event: "seed" },
      [
        credit("mona", MONA, "1", "Hello-World"),
        credit("mona", MONA, "2", "secret-plans"),
        credit("hubot", HUBOT, "3", "Hello-World"),
      ],
      defaultOrder,
    );
  });

  const command = (body: string, login: string, commentId: number, id = MONA, repo: RepoName = REPO) => {
    const payload = example("issue_comment", "created");
    payload.comment = { ...payload.comment, id: commentId, body, user: user(login, id) };
    payload.issue.user = user("someone-else", 5);
    payload.repository = {
      ...payload.repository,
      id: REPOS[repo].id,
      name: repo,
      full_name: `${OWNER}/${repo}`,
      private: REPOS[repo].private,
    };
    return payload;
  };

  /** The reply the worker posts on the command's issue (nothing of Gluework's there yet). */
  /** The reply GitHub will be sent, once the reply job has read the repository's config (none). */
  const expectReply = (repo: string, issueNumber: number) => {
    const posted: { body?: string } = {};
    mockNoConfig(OWNER, repo);
    // A first attempt posts at once: it reads none of the thread.
    nock(API)
      .post(`/repos/${OWNER}/${repo}/issues/${issueNumber}/comments`, (body) => {
        expect(openApiProblems("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", body)).toEqual(
          [],
        );
        posted.body = body.body;
        return true;
      })
      .reply(201, { id: 1 });
    return posted;
  };

  it("opt-out deletes only the commenter's credits, once, and replies", async () => {
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    const payload = command("/gluework opt-out @hubot", "mona", 901);
    await receive(probot, "issue_comment", payload, "cmd-1");
    await receive(probot, "issue_comment", payload, "cmd-1");
    expect((await queryCredits(store.sql, window)).map((row) => row.actorLogin)).toEqual(["hubot"]);
    // The PRs that named mona get their check run and credit comment redone (tested end to end
    // in test/e2e/isolation.test.ts); here only the reply runs.
    const queued = await store.sql<{ job_key: string }[]>`select job_key from outbox order by job_key`;
    expect(queued.map((job) => job.job_key)).toEqual([
      "check-run:Codertocat/Hello-World#1",
      "check-run:Codertocat/secret-plans#1",
      "credit-comment:Codertocat/Hello-World#1",
      "credit-comment:Codertocat/secret-plans#1",
      `reply:${payload.repository.id}#${payload.issue.number}:${MONA}`,
    ]);
    await store.sql`delete from outbox where kind <> 'reply'`;
    const reply = expectReply(REPO, payload.issue.number);
    expect(await worker.drain()).toBe(1);
    expect(reply.body).toContain("@mona, you are opted out");
  });

  it("an account that took a freed login neither deletes nor sees the previous owner's credits", async () => {
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    // The first `mona` renamed herself; another account (id 8001) registered the login `mona`.
    await receive(probot, "issue_comment", command("/gluework opt-out", "mona", 906, 8001));
    expect((await queryCredits(store.sql, window)).map((row) => row.actorLogin).sort()).toEqual([
      "hubot",
      "mona",
      "mona",
    ]);
    await store.sql`delete from outbox`;
    await receive(probot, "issue_comment", command("/gluework portfolio", "mona", 907, 8001));
    mockInstalledRepos();
    const reply = expectReply(REPO, 1);
    expect(await worker.drain()).toBe(1);
    expect(reply.body).toContain("No glue work is credited to you");
    expect(reply.body).not.toContain("pullrequestreview-1");
  });

  it("opt-out follows the account under a new login, and an opt-out kept by login still holds", async () => {
    const probot = createTestProbot(store.sql);
    // Mona renamed herself `mona-lisa`: her credits recorded as `mona` are still hers.
    await receive(probot, "issue_comment", command("/gluework opt-out", "mona-lisa", 908, MONA));
    expect((await queryCredits(store.sql, window)).map((row) => row.actorLogin)).toEqual(["hubot"]);
    // Asking again (another comment, another login) keeps one opt-out for the account.
    await receive(probot, "issue_comment", command("/gluework opt-out", "mona-l", 912, MONA));
    expect(await store.sql`select actor_id, login from opt_outs`).toEqual([
      { actor_id: MONA, login: "mona-l" },
    ]);
    // An opt-out stored before ids were kept names only a login: it keeps matching by login.
    await store.sql`insert into opt_outs (installation_id, login) values (1, 'hubot')`;
    expect(await queryCredits(store.sql, window)).toEqual([]);
    await receive(probot, "issue_comment", command("/gluework opt-in", "hubot", 909, HUBOT));
    expect((await queryCredits(store.sql, window)).map((row) => row.actorLogin)).toEqual(["hubot"]);
    nock.cleanAll();
  });

  it("an opted-out person is not recorded again until they opt in", async () => {
    const probot = createTestProbot(store.sql);
    await receive(probot, "issue_comment", command("/gluework opt-out", "mona", 902));
    const later = (key: string, login: string) =>
      recordCredits(
        store.sql,
        { installationId: 1, deliveryId: `later-${key}`, event: "x" },
        [credit(login, MONA, key, "Hello-World")],
        defaultOrder,
      );
    await later("9", "mona");
    // Nor under the login she takes next.
    await later("11", "mona-lisa");
    expect((await queryCredits(store.sql, window)).map((row) => row.actorLogin)).toEqual(["hubot"]);
    await receive(probot, "issue_comment", command("/gluework opt-in", "mona", 903));
    await later("10", "mona");
    expect((await queryCredits(store.sql, window)).map((row) => row.actorLogin).sort()).toEqual([
      "hubot",
      "mona",
    ]);
    nock.cleanAll();
  });

  it("portfolio in a public repository shows the commenter's own public credits only", async () => {
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    const payload = command("Thanks!\n/gluework portfolio", "mona", 904);
    await receive(probot, "issue_comment", payload);
    mockInstalledRepos();
    const reply = expectReply(REPO, payload.issue.number);
    await worker.drain();
    expect(reply.body).toContain("### @mona, here is your glue work since");
    expect(reply.body).toContain("Codertocat/Hello-World");
    expect(reply.body).not.toContain("secret-plans");
    expect(reply.body).not.toContain("hubot");
    expect(reply.body).toContain("1 credit in other repositories");
  });

  it("portfolio names the visible teams whose glue the commenter carried when they did it, never a secret team", async () => {
    const team = (
      teamId: number,
      slug: string,
      privacy: "closed" | "secret",
      parentTeamId: number | null,
    ) => ({
      teamId,
      slug,
      name: slug.toUpperCase(),
      privacy,
      parentTeamId,
    });
    const mona = { userId: MONA, login: "mona" };
    await saveTeamRead(
      store.sql,
      1,
      [
        { team: team(10, "platform", "closed", null), members: [] },
        { team: team(11, "infra", "closed", 10), members: [mona] },
        { team: team(12, "security", "secret", null), members: [mona] },
        { team: team(13, "docs", "closed", null), members: [] },
      ],
      new Date(Date.now() - 30 * 86_400_000),
    );
    // She joined docs after the work: it does not count for docs.
    await applyTeamChange(
      store.sql,
      { kind: "member-added", installationId: 1, team: team(13, "docs", "closed", null), member: mona },
      new Date(),
    );
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    const payload = command("/gluework portfolio", "mona", 911);
    await receive(probot, "issue_comment", payload);
    mockInstalledRepos();
    const reply = expectReply(REPO, payload.issue.number);
    await worker.drain();
    expect(reply.body).toContain(
      "**Your teams:** of these glue credits, 1 for team INFRA (`infra`) and 1 for PLATFORM (`platform`), counted for the team you were in when you did the work",
    );
    expect(reply.body).not.toContain("security");
    expect(reply.body).not.toContain("docs");
  });

  it("portfolio in a private repository shows that repository and public ones, and counts the rest", async () => {
    await recordCredits(
      store.sql,
      { installationId: 1, deliveryId: "more", event: "seed" },
      [credit("mona", MONA, "4", "other-secret"), credit("mona", MONA, "5", "other-secret")],
      defaultOrder,
    );
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    const payload = command("/gluework portfolio", "mona", 910, MONA, "secret-plans");
    await receive(probot, "issue_comment", payload);
    mockInstalledRepos();
    const reply = expectReply("secret-plans", payload.issue.number);
    await worker.drain();
    expect(reply.body).toContain("Codertocat/Hello-World");
    expect(reply.body).toContain("Codertocat/secret-plans");
    expect(reply.body).not.toContain("other-secret");
    expect(reply.body).toContain("2 credits in other repositories");
  });

  it("a reply whose answer was lost looks only at the comments since its attempt, finds itself, and does not post twice", async () => {
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    const payload = command("/gluework portfolio", "mona", 905);
    await receive(probot, "issue_comment", payload);
    const comments = [
      issueCommentJson(`${OWNER}/${REPO}`, payload.issue.number, {
        id: 3,
        body: "<!-- gluework:reply:905 -->\nalready answered",
        user: botUserJson(),
      }),
    ];
    expect(
      openApiAnswerProblems("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", 200, comments),
    ).toEqual([]);
    mockApp();
    mockNoConfig(OWNER, REPO);
    mockInstalledRepos();
    let since = "";
    nock(API)
      .post(`/repos/${OWNER}/${REPO}/issues/${payload.issue.number}/comments`)
      .reply(502, { message: "Server Error" })
      .get(`/repos/${OWNER}/${REPO}/issues/${payload.issue.number}/comments`)
      .query((query) => {
        since = String(query.since ?? "");
        return true;
      })
      .reply(200, comments);
    expect(await worker.drain()).toBe(2);
    const [attempt] = await store.sql<{ at: Date }[]>`
      select reply_attempted_at as at from commands where comment_id = 905
    `;
    expect(Date.parse(since)).toBeGreaterThan(Date.now() - 3_600_000);
    expect(Date.parse(since)).toBeLessThanOrEqual(attempt?.at.getTime() ?? 0);
  });

  it("bounds replies: repeats on one issue make one pending reply to the latest, and a person's replies stop at the rate", async () => {
    const probot = createTestProbot(store.sql);
    for (let id = 910; id < 914; id += 1) {
      await receive(probot, "issue_comment", command("/gluework portfolio", "mona", id));
    }
    const replies = () =>
      store.sql<{ job_key: string; payload: { commentId: number } }[]>`
        select job_key, payload from outbox where kind = 'reply' order by job_key
      `;
    const pending = await replies();
    expect(pending).toHaveLength(1);
    expect(pending[0]?.payload.commentId).toBe(913);
    await store.sql`delete from outbox`;
    // Four commands so far; the fifth is still answered, and past the rate no command is.
    for (let id = 920; id < 925; id += 1) {
      const other = command("/gluework portfolio", "mona", id);
      other.issue.number = id;
      await receive(probot, "issue_comment", other);
    }
    expect((await replies()).map((job) => job.payload.commentId)).toEqual([920]);
    await store.sql`delete from outbox`;
    // Someone else is not affected.
    await receive(probot, "issue_comment", command("/gluework portfolio", "hubot", 930, HUBOT));
    expect((await replies()).map((job) => job.payload.commentId)).toEqual([930]);
    expect(REPLIES_PER_PERSON).toBe(5);
  });

  it("a reply marker someone else posted does not suppress the reply", async () => {
    const probot = createTestProbot(store.sql);
    const worker = testWorker(probot, store.sql);
    const payload = command("/gluework opt-in", "mona", 911);
    await receive(probot, "issue_comment", payload);
    const forged = [
      issueCommentJson(`${OWNER}/${REPO}`, payload.issue.number, {
        id: 4,
        body: "<!-- gluework:reply:911 -->\nnothing to see",
        user: userJson("mallory", 666),
      }),
    ];
    expect(
      openApiAnswerProblems("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", 200, forged),
    ).toEqual([]);
    mockApp();
    mockNoConfig(OWNER, REPO);
    let reply: any;
    // The first attempt's answer is lost; the retry looks, and someone else's marker is not its own.
    nock(API)
      .post(`/repos/${OWNER}/${REPO}/issues/${payload.issue.number}/comments`)
      .reply(502, { message: "Server Error" })
      .get(`/repos/${OWNER}/${REPO}/issues/${payload.issue.number}/comments`)
      .query(true)
      .reply(200, forged)
      .post(`/repos/${OWNER}/${REPO}/issues/${payload.issue.number}/comments`, (body) => {
        reply = body;
        return true;
      })
      .reply(201, { id: 5 });
    expect(await worker.drain()).toBe(2);
    expect(openApiProblems("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", reply)).toEqual([]);
    expect(reply.body).toContain("@mona, welcome back");
  });
});
