import nock from "nock";
import { describe, expect, it } from "vitest";
import { example, user } from "../helpers/examples.js";
import { mockCommitPulls } from "../helpers/github-reads.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { creditDetails, credited } from "../helpers/ledger.js";
import { defaultBranchPushExample, type Person } from "../helpers/payloads.js";
import { API, createTestProbot, mockConfig, mockNoConfig, receive } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";

const OWNER = "Codertocat";
const REPO = "Hello-World";

const maintainer = user("octomaintainer", 6001);
const writer = user("octowriter", 6002);
const bots = [
  ["a sender of type Bot", user("release-runner", 6090, "Bot")],
  ["a login ending in [bot]", user("github-actions[bot]", 6091)],
] as const;

type CommitSpec = {
  sha: string;
  message: string;
  added?: string[];
  modified?: string[];
  removed?: string[];
  author?: Person;
};

/** A push by `pusher` of `commits` (shaped like the example's commit) to `ref`. */
const push = (pusher: Person, commits: CommitSpec[], ref = "refs/heads/master") => {
  const payload = defaultBranchPushExample();
  const [template] = payload.commits;
  payload.ref = ref;
  payload.created = false;
  payload.before = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";
  payload.after = commits.at(-1)?.sha ?? payload.before;
  payload.pusher = { name: pusher.login, email: `${pusher.id}+${pusher.login}@users.noreply.github.com` };
  payload.sender = pusher;
  payload.commits = commits.map((spec, index) => {
    const author = spec.author ?? pusher;
    const identity = {
      name: author.login,
      email: `${author.id}+${author.login}@users.noreply.github.com`,
      username: author.login,
    };
    return {
      ...template,
      id: spec.sha,
      tree_id: `${index}`.padStart(40, "7"),
      message: spec.message,
      timestamp: `2019-05-16T10:0${index}:00Z`,
      url: `https://github.com/Codertocat/Hello-World/commit/${spec.sha}`,
      author: identity,
      committer: identity,
      added: spec.added ?? [],
      modified: spec.modified ?? [],
      removed: spec.removed ?? [],
    };
  });
  payload.head_commit = payload.commits.at(-1) ?? null;
  return payload;
};

const SHA_DOCS = "d0c5d0c5d0c5d0c5d0c5d0c5d0c5d0c5d0c5d0c5";
const SHA_CODE = "c0dec0dec0dec0dec0dec0dec0dec0dec0dec0de";
const SHA_OWNERS = "0e5e0e5e0e5e0e5e0e5e0e5e0e5e0e5e0e5e0e5e";

const docsCommit = (message = "Explain the install steps"): CommitSpec => ({
  sha: SHA_DOCS,
  message,
  added: ["docs/install.md"],
  modified: ["README.md", "src/cli.ts"],
});

describe.each(storeKinds())("push on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  describe("to the default branch", () => {
    it("credits a commit that is mostly docs as docs.push, after GitHub says no PR carries it", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      const pulls = mockCommitPulls(OWNER, REPO, SHA_DOCS, []);
      await receive(probot, "push", push(maintainer, [docsCommit()]));
      expect(pulls.isDone()).toBe(true);
      const rows = await creditDetails(store.sql);
      expect(
        rows.map((row) => ({
          login: row.actor_login,
          category: row.category,
          rule: row.rule,
          subject: `${row.subject_type} ${row.subject_key}`,
          url: row.url,
        })),
      ).toEqual([
        {
          login: "octomaintainer",
          category: "documentation",
          rule: "docs.push",
          subject: `commit Codertocat/Hello-World@${SHA_DOCS}`,
          url: `https://github.com/Codertocat/Hello-World/commit/${SHA_DOCS}`,
        },
      ]);
    });

    it("credits the commit's author when someone else pushed it", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      mockCommitPulls(OWNER, REPO, SHA_DOCS, []);
      await receive(probot, "push", push(maintainer, [{ ...docsCommit(), author: writer }]));
      expect(await credited(store.sql)).toEqual([["octowriter", "docs.push"]]);
    });

    it("credits nothing when GitHub says a merged PR carries the commit", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      mockCommitPulls(OWNER, REPO, SHA_DOCS, [{ number: 12, merged_at: "2019-05-16T09:59:00Z" }]);
      await receive(probot, "push", push(maintainer, [docsCommit()]));
      expect(await credited(store.sql)).toEqual([]);
    });

    it("still credits a commit whose only PR is not merged", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      mockCommitPulls(OWNER, REPO, SHA_DOCS, [{ number: 13, merged_at: null }]);
      await receive(probot, "push", push(maintainer, [docsCommit()]));
      expect(await credited(store.sql)).toEqual([["octomaintainer", "docs.push"]]);
    });

    it.each([
      ["a squash message", "Explain the install steps (#12)"],
      ["a merge message", "Merge pull request #12 from octowriter/install-docs\n\nExplain the install steps"],
    ])("credits %s naming a PR when GitHub says no merged PR carries it", async (_, message) => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      const pulls = mockCommitPulls(OWNER, REPO, SHA_DOCS, []);
      await receive(probot, "push", push(maintainer, [docsCommit(message)]));
      expect(pulls.isDone()).toBe(true);
      expect(await credited(store.sql)).toEqual([["octomaintainer", "docs.push"]]);
    });

    it("credits nothing for the merge commit of a merged PR the store holds, without asking GitHub", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      const merged = example("pull_request", "closed");
      Object.assign(merged.pull_request, {
        user: writer,
        merged: true,
        merged_at: "2019-05-16T09:59:00Z",
        merge_commit_sha: SHA_DOCS,
      });
      nock(API)
        .get(`/repos/${OWNER}/${REPO}/pulls/${merged.pull_request.number}/files`)
        .query(true)
        .reply(200, [{ filename: "docs/install.md", additions: 30, deletions: 0, status: "added" }]);
      await receive(probot, "pull_request", merged, "merged-1");
      // No commit→pulls read is mocked: asking GitHub would fail the test.
      await receive(probot, "push", push(maintainer, [docsCommit("Explain the install steps (#2)")]));
      expect(await credited(store.sql)).toEqual([["octowriter", "docs.pr"]]);
    });

    it("judges each commit of a push on its own and credits it under its own sha", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      mockCommitPulls(OWNER, REPO, SHA_DOCS, []);
      mockCommitPulls(OWNER, REPO, SHA_CODE, [], { optional: true });
      mockCommitPulls(OWNER, REPO, SHA_OWNERS, []);
      await receive(
        probot,
        "push",
        push(maintainer, [
          docsCommit(),
          {
            sha: SHA_CODE,
            message: "Speed up the parser",
            modified: ["src/parse.ts", "src/lex.ts", "README.md"],
          },
          {
            sha: SHA_OWNERS,
            message: "Own the CI",
            added: ["CODEOWNERS"],
            modified: [".github/workflows/ci.yml"],
            author: writer,
          },
        ]),
      );
      const rows = await creditDetails(store.sql);
      expect(rows.map((row) => [row.actor_login, row.rule, row.subject_key])).toEqual([
        ["octomaintainer", "docs.push", `Codertocat/Hello-World@${SHA_DOCS}`],
        ["octowriter", "ownership.codeowners", `Codertocat/Hello-World@${SHA_OWNERS}`],
        ["octowriter", "process.files", `Codertocat/Hello-World@${SHA_OWNERS}`],
      ]);
    });

    it("credits a commit once however often the push is delivered", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      mockCommitPulls(OWNER, REPO, SHA_DOCS, []);
      mockCommitPulls(OWNER, REPO, SHA_DOCS, [], { optional: true });
      const payload = push(maintainer, [docsCommit()]);
      await receive(probot, "push", payload, "push-1");
      await receive(probot, "push", payload, "push-1");
      expect(await credited(store.sql)).toEqual([["octomaintainer", "docs.push"]]);
    });

    it.each(bots)("credits nothing when the pusher and author is %s", async (_, bot) => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      mockCommitPulls(OWNER, REPO, SHA_DOCS, [], { optional: true });
      await receive(probot, "push", push(bot, [docsCommit()]));
      expect(await credited(store.sql)).toEqual([]);
    });

    it("credits nothing when a person pushes a commit authored by a [bot] login", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      mockCommitPulls(OWNER, REPO, SHA_DOCS, [], { optional: true });
      await receive(
        probot,
        "push",
        push(maintainer, [{ ...docsCommit(), author: user("renovate[bot]", 6092) }]),
      );
      expect(await credited(store.sql)).toEqual([]);
    });
  });

  describe("elsewhere", () => {
    it("credits nothing for a push to another branch, and asks GitHub nothing", async () => {
      const probot = createTestProbot(store.sql);
      await receive(probot, "push", push(maintainer, [docsCommit()], "refs/heads/docs-update"));
      expect(await credited(store.sql)).toEqual([]);
    });

    it("credits nothing for a tag push (the real example)", async () => {
      const probot = createTestProbot(store.sql);
      const tagPush = example("push");
      expect(tagPush.ref).toBe("refs/tags/simple-tag");
      await receive(probot, "push", tagPush);
      expect(await credited(store.sql)).toEqual([]);
    });

    it("credits nothing for deleting the default branch", async () => {
      const probot = createTestProbot(store.sql);
      const payload = push(maintainer, [docsCommit()]);
      payload.deleted = true;
      payload.after = "0000000000000000000000000000000000000000";
      await receive(probot, "push", payload);
      expect(await credited(store.sql)).toEqual([]);
    });
  });

  describe("repository config", () => {
    it("records nothing for a repository whose config sets opt_out: true", async () => {
      const probot = createTestProbot(store.sql);
      mockConfig(OWNER, REPO, "opt_out: true\n");
      mockCommitPulls(OWNER, REPO, SHA_DOCS, [], { optional: true });
      await receive(probot, "push", push(maintainer, [docsCommit()]));
      expect(await credited(store.sql)).toEqual([]);
    });

    it("re-reads the config after a push changes .github/gluework.yml", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      mockCommitPulls(OWNER, REPO, SHA_DOCS, []);
      await receive(probot, "push", push(maintainer, [docsCommit()]));
      expect(await credited(store.sql)).toEqual([["octomaintainer", "docs.push"]]);

      // The push that opts out is itself judged by the new file; later deliveries use the cache.
      mockConfig(OWNER, REPO, "opt_out: true\n");
      mockCommitPulls(OWNER, REPO, SHA_OWNERS, [], { optional: true });
      mockCommitPulls(OWNER, REPO, SHA_CODE, [], { optional: true });
      await receive(
        probot,
        "push",
        push(maintainer, [
          { sha: SHA_OWNERS, message: "Opt out of Gluework", added: [".github/gluework.yml"] },
        ]),
      );
      await receive(
        probot,
        "push",
        push(maintainer, [{ sha: SHA_CODE, message: "Own everything", added: ["CODEOWNERS"] }]),
      );
      expect(await credited(store.sql)).toEqual([["octomaintainer", "docs.push"]]);
    });

    it("re-reads every repository's config after a push changes the org-wide <org>/.github config", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      mockCommitPulls(OWNER, REPO, SHA_DOCS, []);
      await receive(probot, "push", push(maintainer, [docsCommit()]));

      const orgPush = push(maintainer, [
        { sha: SHA_OWNERS, message: "Opt the org out of Gluework", modified: [".github/gluework.yml"] },
      ]);
      orgPush.repository = {
        ...orgPush.repository,
        id: 99_001,
        name: ".github",
        full_name: "Codertocat/.github",
      };
      nock(API)
        .get(`/repos/${OWNER}/.github/contents/${encodeURIComponent(".github/gluework.yml")}`)
        .times(2)
        .reply(200, "opt_out: true\n", { "content-type": "application/vnd.github.v3.raw; charset=utf-8" });
      nock(API)
        .get(`/repos/${OWNER}/${REPO}/contents/${encodeURIComponent(".github/gluework.yml")}`)
        .reply(404, { message: "Not Found" });
      mockCommitPulls(OWNER, ".github", SHA_OWNERS, [], { optional: true });
      mockCommitPulls(OWNER, REPO, SHA_CODE, [], { optional: true });
      await receive(probot, "push", orgPush);
      await receive(
        probot,
        "push",
        push(maintainer, [{ sha: SHA_CODE, message: "Own everything", added: ["CODEOWNERS"] }]),
      );
      expect(await credited(store.sql)).toEqual([["octomaintainer", "docs.push"]]);
    });
  });
});
