import nock from "nock";
import { describe, expect, it } from "vitest";
import { example, user } from "../helpers/examples.js";
import { mockPullRequestFilesOptionally } from "../helpers/github-reads.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { creditDetails, credited } from "../helpers/ledger.js";
import type { Person } from "../helpers/payloads.js";
import {
  API,
  createTestProbot,
  mockConfig,
  mockNoConfig,
  mockPullRequestFiles,
  receive,
  testClassifyWorker,
} from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";

const OWNER = "Codertocat";
const REPO = "Hello-World";

const maintainer = user("octomaintainer", 7001);
const contributor = user("octowriter", 7002);
const helper = user("octohelper", 7003);
const bots = [
  ["a sender of type Bot", user("renovate-runner", 7090, "Bot")],
  ["a login ending in [bot]", user("dependabot[bot]", 7091)],
] as const;

/** The real `pull_request.closed` example, merged by `merger`, authored by `author`. */
const mergedPullRequest = (author = contributor, merger = maintainer) => {
  const payload = example("pull_request", "closed");
  payload.pull_request.user = author;
  payload.pull_request.author_association = "CONTRIBUTOR";
  payload.pull_request.state = "closed";
  payload.pull_request.merged = true;
  payload.pull_request.merged_at = "2019-05-15T15:30:00Z";
  payload.pull_request.closed_at = "2019-05-15T15:30:00Z";
  payload.pull_request.merged_by = merger;
  payload.pull_request.merge_commit_sha = "c0ffee0000000000000000000000000000000001";
  payload.sender = merger;
  return payload;
};

/** The real `pull_request` example for `action` on `contributor`'s PR, sent by `sender`. */
const contributorsPullRequest = (action: string, sender: Person) => {
  const payload = example("pull_request", action);
  payload.pull_request.user = contributor;
  payload.sender = sender;
  return payload;
};

describe.each(storeKinds())("pull_request on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  describe("merged", () => {
    it("credits a PR that is mostly docs to its author as docs.pr, not to whoever merged it", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      mockPullRequestFiles(OWNER, REPO, 2, [
        { filename: "docs/guide/install.md", additions: 80, deletions: 5 },
        { filename: "README.md", additions: 10, deletions: 0 },
        { filename: "src/index.ts", additions: 10, deletions: 2 },
      ]);
      await receive(probot, "pull_request", mergedPullRequest());
      const rows = await creditDetails(store.sql);
      expect(
        rows.map((row) => ({
          login: row.actor_login,
          category: row.category,
          rule: row.rule,
          subject: row.subject_key,
          at: row.occurred_at.toISOString(),
        })),
      ).toEqual([
        {
          login: "octowriter",
          category: "documentation",
          rule: "docs.pr",
          subject: "Codertocat/Hello-World#2",
          at: "2019-05-15T15:30:00.000Z",
        },
      ]);
    });

    it("credits a PR that is mostly code as code.pr, not docs.pr", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      mockPullRequestFiles(OWNER, REPO, 2, [
        { filename: "src/queue.ts", additions: 120, deletions: 30 },
        { filename: "docs/queue.md", additions: 40, deletions: 0 },
      ]);
      await receive(probot, "pull_request", mergedPullRequest());
      expect(await credited(store.sql)).toEqual([["octowriter", "code.pr"]]);
    });

    it("credits a PR changing CODEOWNERS and workflows as ownership and process", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      mockPullRequestFiles(OWNER, REPO, 2, [
        { filename: ".github/CODEOWNERS", additions: 4, deletions: 1 },
        { filename: ".github/workflows/ci.yml", additions: 30, deletions: 2 },
        { filename: ".github/workflows/release.yml", additions: 12, deletions: 0 },
      ]);
      await receive(probot, "pull_request", mergedPullRequest());
      const rows = await creditDetails(store.sql);
      expect(rows.map((row) => [row.actor_login, row.category, row.rule])).toEqual([
        ["octowriter", "ownership", "ownership.codeowners"],
        ["octowriter", "process", "process.files"],
      ]);
    });

    it("reads every page of a long file list before judging the change", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      const files = (from: number, count: number, name: (i: number) => string, lines: number) =>
        Array.from({ length: count }, (_, i) => ({
          sha: `${from + i}`.padStart(40, "0"),
          filename: name(from + i),
          status: "modified",
          additions: lines,
          deletions: 0,
          changes: lines,
          blob_url: "",
          raw_url: "",
          contents_url: "",
        }));
      const next = `${API}/repositories/186853002/pulls/2/files?per_page=100&page=2`;
      nock(API)
        .get(`/repos/${OWNER}/${REPO}/pulls/2/files`)
        .query({ per_page: "100" })
        .reply(
          200,
          files(0, 100, (i) => `src/module-${i}.ts`, 1),
          { link: `<${next}>; rel="next", <${next}>; rel="last"` },
        )
        .get("/repositories/186853002/pulls/2/files")
        .query({ per_page: "100", page: "2" })
        .reply(
          200,
          files(100, 1, () => "docs/architecture.md", 400),
        );
      await receive(probot, "pull_request", mergedPullRequest());
      expect(await credited(store.sql)).toEqual([["octowriter", "docs.pr"]]);
    });

    it.each(bots)("credits nothing when the author is %s", async (_, bot) => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      mockPullRequestFilesOptionally(OWNER, REPO, 2, [
        { filename: "docs/guide/install.md", additions: 80, deletions: 5 },
        { filename: "CODEOWNERS", additions: 1, deletions: 0 },
      ]);
      await receive(probot, "pull_request", mergedPullRequest(bot));
      expect(await credited(store.sql)).toEqual([]);
    });
  });

  describe("closed without merging", () => {
    it("credits the maintainer who closed someone else's PR with triage.close", async () => {
      const probot = createTestProbot(store.sql);
      const payload = contributorsPullRequest("closed", maintainer);
      payload.pull_request.closed_at = "2019-05-15T16:00:00Z";
      mockNoConfig(OWNER, REPO);
      await receive(probot, "pull_request", payload);
      const rows = await creditDetails(store.sql);
      expect(rows.map((row) => [row.actor_login, row.category, row.rule, row.subject_key])).toEqual([
        ["octomaintainer", "triage", "triage.close", "Codertocat/Hello-World#2"],
      ]);
    });

    it("credits nothing when the author closes their own PR", async () => {
      const probot = createTestProbot(store.sql);
      const payload = contributorsPullRequest("closed", contributor);
      mockNoConfig(OWNER, REPO);
      await receive(probot, "pull_request", payload);
      expect(await credited(store.sql)).toEqual([]);
    });
  });

  describe("synchronize", () => {
    it("credits a push to another person's PR branch as unblock.push", async () => {
      const probot = createTestProbot(store.sql);
      const payload = contributorsPullRequest("synchronize", helper);
      mockNoConfig(OWNER, REPO);
      await receive(probot, "pull_request", payload);
      expect(await credited(store.sql)).toEqual([["octohelper", "unblock.push"]]);
    });

    it("credits a push to someone else's PR labelled `blocked` as unblock.push and unblock.label", async () => {
      const probot = createTestProbot(store.sql);
      const payload = contributorsPullRequest("synchronize", helper);
      payload.pull_request.labels = [{ ...payload.pull_request.labels[0], name: "blocked" }];
      mockNoConfig(OWNER, REPO);
      await receive(probot, "pull_request", payload);
      expect((await credited(store.sql)).sort()).toEqual([
        ["octohelper", "unblock.label"],
        ["octohelper", "unblock.push"],
      ]);
    });

    it("credits nothing when the author pushes to their own branch", async () => {
      const probot = createTestProbot(store.sql);
      const payload = contributorsPullRequest("synchronize", contributor);
      mockNoConfig(OWNER, REPO);
      await receive(probot, "pull_request", payload);
      expect(await credited(store.sql)).toEqual([]);
    });

    it("credits each pushed head once however often it is delivered", async () => {
      const probot = createTestProbot(store.sql);
      const first = contributorsPullRequest("synchronize", helper);
      const second = structuredClone(first);
      second.before = first.after;
      second.after = "5eb1e1f5eb1e1f5eb1e1f5eb1e1f5eb1e1f5eb1e";
      second.pull_request.head.sha = second.after;
      mockNoConfig(OWNER, REPO);
      await receive(probot, "pull_request", first, "sync-1");
      await receive(probot, "pull_request", first, "sync-1");
      await receive(probot, "pull_request", second, "sync-2");
      expect(await credited(store.sql)).toEqual([
        ["octohelper", "unblock.push"],
        ["octohelper", "unblock.push"],
      ]);
    });

    it.each(bots)("credits nothing when the pusher is %s", async (_, bot) => {
      const probot = createTestProbot(store.sql);
      const payload = contributorsPullRequest("synchronize", bot);
      mockNoConfig(OWNER, REPO);
      await receive(probot, "pull_request", payload);
      expect(await credited(store.sql)).toEqual([]);
    });
  });

  describe("labeled", () => {
    it("credits labelling someone else's PR as triage.label", async () => {
      const probot = createTestProbot(store.sql);
      const payload = contributorsPullRequest("labeled", maintainer);
      mockNoConfig(OWNER, REPO);
      await receive(probot, "pull_request", payload);
      expect(await credited(store.sql)).toEqual([["octomaintainer", "triage.label"]]);
    });

    it("credits nothing for labelling your own PR", async () => {
      const probot = createTestProbot(store.sql);
      const payload = example("pull_request", "labeled");
      mockNoConfig(OWNER, REPO);
      await receive(probot, "pull_request", payload);
      expect(await credited(store.sql)).toEqual([]);
    });
  });

  describe("pull_request_review_comment", () => {
    const inlineComment = (by: Person) => {
      const payload = example("pull_request_review_comment", "created");
      payload.pull_request.user = contributor;
      payload.pull_request.author_association = "CONTRIBUTOR";
      payload.comment.user = by;
      payload.comment.author_association = "MEMBER";
      payload.sender = by;
      return payload;
    };

    it("credits an inline comment on someone else's PR as review.comment", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      mockPullRequestFiles(OWNER, REPO, 2, [{ filename: "src/index.ts", additions: 3, deletions: 1 }]);
      await receive(probot, "pull_request_review_comment", inlineComment(maintainer));
      const rows = await creditDetails(store.sql);
      expect(rows.map((row) => [row.actor_login, row.category, row.rule, row.url])).toEqual([
        [
          "octomaintainer",
          "code-review",
          "review.comment",
          "https://github.com/Codertocat/Hello-World/pull/2#discussion_r284312630",
        ],
      ]);
    });

    it("credits nothing for an inline comment on your own PR", async () => {
      const probot = createTestProbot(store.sql);
      mockNoConfig(OWNER, REPO);
      mockPullRequestFilesOptionally(OWNER, REPO, 2, [
        { filename: "src/index.ts", additions: 3, deletions: 1 },
      ]);
      await receive(probot, "pull_request_review_comment", inlineComment(contributor));
      expect(await credited(store.sql)).toEqual([]);
    });
  });

  describe("failures", () => {
    it("answers a delivery while GitHub fails, keeps its activity waiting, and credits it once GitHub answers", async () => {
      const probot = createTestProbot(store.sql, { classify: "manual" });
      const worker = testClassifyWorker(probot, store.sql);
      mockNoConfig(OWNER, REPO);
      nock(API)
        .get(`/repos/${OWNER}/${REPO}/pulls/2/files`)
        .query(true)
        .reply(502, { message: "Bad Gateway" });
      await receive(probot, "pull_request", mergedPullRequest(), "merge-1");
      expect(await store.sql`select delivery_id from deliveries`).toHaveLength(1);
      await worker.drain();
      expect(await credited(store.sql)).toEqual([]);
      // A redelivery changes nothing: the activity is in the inbox once.
      await receive(probot, "pull_request", mergedPullRequest(), "merge-1");
      expect(await store.sql`select 1 from activities where classified_at is null`).toHaveLength(1);

      await store.sql`update activities set run_after = now()`;
      mockPullRequestFiles(OWNER, REPO, 2, [
        { filename: "docs/guide/install.md", additions: 80, deletions: 5 },
      ]);
      await worker.drain();
      expect(await credited(store.sql)).toEqual([["octowriter", "docs.pr"]]);
    });

    it("skips a payload without the fields it reads, without an error", async () => {
      const probot = createTestProbot(store.sql);
      const payload = mergedPullRequest();
      delete payload.pull_request.user;
      await receive(probot, "pull_request", payload);
      expect(await credited(store.sql)).toEqual([]);
    });
  });

  describe("repository config", () => {
    it("records nothing for a repository whose config sets opt_out: true", async () => {
      const probot = createTestProbot(store.sql);
      mockConfig(OWNER, REPO, "opt_out: true\n");
      mockPullRequestFilesOptionally(OWNER, REPO, 2, [
        { filename: "docs/guide/install.md", additions: 80, deletions: 5 },
      ]);
      await receive(probot, "pull_request", mergedPullRequest());
      const synchronize = contributorsPullRequest("synchronize", helper);
      await receive(probot, "pull_request", synchronize);
      expect(await credited(store.sql)).toEqual([]);
    });

    it("honours an org-wide config in <org>/.github when the repository has none", async () => {
      const probot = createTestProbot(store.sql);
      nock(API)
        .get(`/repos/${OWNER}/${REPO}/contents/${encodeURIComponent(".github/gluework.yml")}`)
        .reply(404, { message: "Not Found" })
        .get(`/repos/${OWNER}/.github/contents/${encodeURIComponent(".github/gluework.yml")}`)
        .reply(200, "opt_out: true\n", { "content-type": "application/vnd.github.v3.raw; charset=utf-8" });
      mockPullRequestFilesOptionally(OWNER, REPO, 2, [
        { filename: "docs/guide/install.md", additions: 80, deletions: 5 },
      ]);
      await receive(probot, "pull_request", mergedPullRequest());
      expect(await credited(store.sql)).toEqual([]);
    });

    it("falls back to the defaults on an invalid config and still records credits", async () => {
      const probot = createTestProbot(store.sql);
      mockConfig(OWNER, REPO, 'weights:\n  "docs.pr": lots\n');
      mockPullRequestFiles(OWNER, REPO, 2, [
        { filename: "docs/guide/install.md", additions: 80, deletions: 5 },
      ]);
      await receive(probot, "pull_request", mergedPullRequest());
      const rows = await creditDetails(store.sql);
      expect(rows.map((row) => [row.actor_login, row.rule, row.weight])).toEqual([
        ["octowriter", "docs.pr", 1],
      ]);
    });

    it("uses a valid config's weights", async () => {
      const probot = createTestProbot(store.sql);
      mockConfig(OWNER, REPO, 'weights:\n  "docs.pr": 3\n');
      mockPullRequestFiles(OWNER, REPO, 2, [
        { filename: "docs/guide/install.md", additions: 80, deletions: 5 },
      ]);
      await receive(probot, "pull_request", mergedPullRequest());
      const rows = await creditDetails(store.sql);
      expect(rows.map((row) => [row.rule, row.weight])).toEqual([["docs.pr", 3]]);
    });

    it("reads the config once and serves the next delivery from the store", async () => {
      const probot = createTestProbot(store.sql);
      const config = mockConfig(OWNER, REPO, "exclude:\n  logins: [octohelper]\n");
      const closed = contributorsPullRequest("closed", maintainer);
      await receive(probot, "pull_request", closed);
      expect(config.isDone()).toBe(true);
      const synchronize = contributorsPullRequest("synchronize", helper);
      await receive(probot, "pull_request", synchronize);
      const labeled = contributorsPullRequest("labeled", user("octotriager", 7004));
      labeled.pull_request.updated_at = "2019-05-16T09:00:00Z";
      await receive(probot, "pull_request", labeled);
      // octohelper stays excluded: the cached config, not the defaults, served the later deliveries.
      expect(await credited(store.sql)).toEqual([
        ["octomaintainer", "triage.close"],
        ["octotriager", "triage.label"],
      ]);
    });
  });
});
