import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { reclassifyCommand } from "../../src/cli/reclassify-command.js";
import { example, user } from "../helpers/examples.js";
import { mockCommitPulls } from "../helpers/github-reads.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { credited } from "../helpers/ledger.js";
import { defaultBranchPushExample } from "../helpers/payloads.js";
import {
  createTestProbot,
  mockConfig,
  mockNoConfig,
  mockPullRequestFiles,
  receive,
} from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";

const OWNER = "Codertocat";
const REPO = "Hello-World";
const writer = user("octowriter", 3001);
const maintainer = user("octomaintainer", 3002);
const CONFIG_SHA = "c0f1c0f1c0f1c0f1c0f1c0f1c0f1c0f1c0f1c0f1";

/** A moment of this month: a config change recomputes the current and the previous month. */
const recently = new Date(Date.now() - 60_000).toISOString();

/** octowriter's PR adding a guide, merged a minute ago. */
const mergedGuide = () => {
  const payload = example("pull_request", "closed");
  payload.pull_request.user = writer;
  payload.pull_request.author_association = "CONTRIBUTOR";
  payload.pull_request.merged = true;
  payload.pull_request.merged_at = recently;
  payload.pull_request.closed_at = recently;
  payload.sender = maintainer;
  return payload;
};

/** octomaintainer pushes a change of `.github/gluework.yml` to the default branch. */
const configPush = () => {
  const payload = defaultBranchPushExample();
  const identity = {
    name: maintainer.login,
    email: "3002+octomaintainer@users.noreply.github.com",
    username: maintainer.login,
  };
  payload.ref = `refs/heads/${payload.repository.default_branch}`;
  payload.sender = maintainer;
  payload.commits = [
    {
      ...payload.commits[0],
      id: CONFIG_SHA,
      message: "Count our guides as onboarding",
      url: `https://github.com/${OWNER}/${REPO}/commit/${CONFIG_SHA}`,
      author: identity,
      committer: identity,
      added: [],
      removed: [],
      modified: [".github/gluework.yml"],
    },
  ];
  payload.head_commit = payload.commits[0];
  return payload;
};

const GUIDES_ARE_ONBOARDING = 'paths:\n  onboarding: ["guides/**"]\n';

describe.each(storeKinds())("credits recomputed from stored activities on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  const creditGuide = async () => {
    const probot = createTestProbot(store.sql);
    mockNoConfig(OWNER, REPO);
    mockPullRequestFiles(OWNER, REPO, mergedGuide().pull_request.number, [
      { filename: "guides/setup.md", additions: 80, deletions: 0 },
    ]);
    await receive(probot, "pull_request", mergedGuide(), "merge-guide");
    expect(await credited(store.sql)).toEqual([["octowriter", "docs.pr"]]);
    return probot;
  };

  it("leaves credits older than the previous month as they were when the config changes", async () => {
    const probot = createTestProbot(store.sql);
    mockNoConfig(OWNER, REPO);
    const old = mergedGuide();
    old.pull_request.merged_at = "2019-05-15T15:30:00Z";
    mockPullRequestFiles(OWNER, REPO, old.pull_request.number, [
      { filename: "guides/setup.md", additions: 80, deletions: 0 },
    ]);
    await receive(probot, "pull_request", old, "merge-old-guide");
    mockConfig(OWNER, REPO, GUIDES_ARE_ONBOARDING);
    mockCommitPulls(OWNER, REPO, CONFIG_SHA, []);
    await receive(probot, "push", configPush(), "config-push");
    expect((await credited(store.sql)).sort()).toEqual([
      ["octomaintainer", "process.files"],
      ["octowriter", "docs.pr"],
    ]);
  });

  it("moves credits when a push changes a path rule in .github/gluework.yml", async () => {
    const probot = await creditGuide();
    mockConfig(OWNER, REPO, GUIDES_ARE_ONBOARDING);
    mockCommitPulls(OWNER, REPO, CONFIG_SHA, []);
    await receive(probot, "push", configPush(), "config-push");
    // The guide is onboarding now; the config change itself is process work.
    expect((await credited(store.sql)).sort()).toEqual([
      ["octomaintainer", "process.files"],
      ["octowriter", "onboarding.docs"],
    ]);
  });

  it("gluework reclassify applies today's config to the stored activities, and a second run changes nothing", async () => {
    const probot = await creditGuide();
    // The config changed without Gluework seeing the push (say, before it was installed).
    await store.sql`update repo_configs set config = config || ${store.sql.json({ paths: { onboarding: ["guides/**"] } })}`;
    const run = () =>
      reclassifyCommand({
        sql: store.sql,
        octokit: {} as never,
        args: { installation: 1, repo: `${OWNER}/${REPO}` },
        log: pino({ level: "silent" }),
        tty: null,
      });
    const summary = await run();
    expect(summary).toContain("1 activity classified again (Codertocat/Hello-World)");
    const after = await credited(store.sql);
    expect(after).toEqual([["octowriter", "onboarding.docs"]]);
    await run();
    expect(await credited(store.sql)).toEqual(after);
    expect(await store.sql`select 1 from activities where classified_at is null`).toHaveLength(0);
    void probot;
  });
});
