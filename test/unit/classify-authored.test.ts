import { describe, expect, it } from "vitest";
import {
  AUTHOR,
  actor,
  BOT_BY_LOGIN,
  configWith,
  creditsFor,
  file,
  HELPER,
  pr,
  prMerged,
  prPushed,
  pushCommit,
  rulesFor,
} from "../helpers/activities.js";

const PR7 = "octo-org/widgets#7";
const merged = (...files: ReturnType<typeof file>[]) => rulesFor(prMerged(), { files });
const pushed = (...files: string[]) => rulesFor(pushCommit({ files }));

describe("docs.pr: a merged PR that is mostly docs, by changed lines", () => {
  it("credits the PR's author with documentation", () => {
    const credits = creditsFor(prMerged(), { files: [file("docs/guide.md", 80, 20), file("src/a.ts", 10)] });
    expect(credits).toMatchObject([
      {
        actorLogin: "author",
        actorId: 100,
        category: "documentation",
        rule: "docs.pr",
        weight: 1,
        subjectType: "pull_request",
        subjectKey: PR7,
        url: "https://github.com/octo-org/widgets/pull/7",
        sourceKey: `docs.pr:${PR7}`,
      },
    ]);
  });

  it("judges by lines, not files: one large doc outweighs three one-line code files", () => {
    const files = [file("README.md", 100), file("src/a.ts", 1), file("src/b.ts", 1), file("src/c.ts", 1)];
    expect(rulesFor(prMerged(), { files })).toEqual(["docs.pr"]);
  });

  it("judges by lines, not files: three small docs do not outweigh one large code file", () => {
    const files = [file("docs/a.md", 1), file("docs/b.md", 1), file("docs/c.md", 1), file("src/a.ts", 100)];
    expect(rulesFor(prMerged(), { files })).toEqual(["code.pr"]);
  });

  it("counts deletions as changed lines", () => {
    expect(merged(file("docs/old.md", 0, 60), file("src/a.ts", 50))).toEqual(["docs.pr"]);
  });

  it("needs more than half: an even split is neither mostly docs nor mostly code", () => {
    expect(merged(file("docs/guide.md", 10), file("src/a.ts", 6, 4))).toEqual([]);
  });

  it("counts design documents as docs when writing them", () => {
    expect(merged(file("docs/design/queue.md", 60), file("src/a.ts", 40))).toEqual(["docs.pr"]);
    expect(merged(file("adr/0001.md", 30), file("docs/x.md", 30), file("src/a.ts", 40))).toEqual(["docs.pr"]);
  });

  it("credits nothing when the PR's files could not be read", () => {
    expect(rulesFor(prMerged())).toEqual([]);
    expect(rulesFor(prMerged(), { files: [] })).toEqual([]);
  });

  it("follows configured docs paths", () => {
    const config = configWith({ paths: { docs: ["handbook/**"] } });
    expect(rulesFor(prMerged(), { files: [file("handbook/deploy.txt", 20)], config })).toEqual(["docs.pr"]);
    expect(rulesFor(prMerged(), { files: [file("README.md", 20)], config })).toEqual(["code.pr"]);
  });
});

describe("docs.push: a direct push commit that is mostly docs, by files", () => {
  const SHA = "d".repeat(40);

  it("credits the commit, under its own sha", () => {
    const credits = creditsFor(pushCommit({ sha: SHA, files: ["docs/a.md", "docs/b.md", "src/a.ts"] }));
    expect(credits).toMatchObject([
      {
        actorLogin: "author",
        category: "documentation",
        rule: "docs.push",
        weight: 1,
        subjectType: "commit",
        subjectKey: `octo-org/widgets@${SHA}`,
        url: `https://github.com/octo-org/widgets/commit/${SHA}`,
        sourceKey: `docs.push:octo-org/widgets@${SHA}`,
      },
    ]);
  });

  it("judges by number of files, and needs more than half", () => {
    expect(pushed("README.md", "docs/guide.md", "src/a.ts")).toEqual(["docs.push"]);
    expect(pushed("README.md", "src/a.ts")).toEqual([]);
    expect(pushed("README.md", "src/a.ts", "src/b.ts")).toEqual([]);
  });

  it("counts design documents as docs", () => {
    expect(pushed("docs/design/a.md", "docs/decisions/b.md", "src/a.ts")).toEqual(["docs.push"]);
  });

  it("judges each commit of a push on its own", () => {
    const docs = creditsFor(pushCommit({ sha: "1".repeat(40), files: ["docs/a.md"] }));
    const code = creditsFor(pushCommit({ sha: "2".repeat(40), files: ["src/a.ts"] }));
    expect(docs.map((credit) => [credit.rule, credit.subjectKey])).toEqual([
      ["docs.push", `octo-org/widgets@${"1".repeat(40)}`],
    ]);
    expect(code).toEqual([]);
  });

  it("never credits code for a push (code.pr is for merged PRs only)", () => {
    expect(pushed("src/a.ts", "src/b.ts")).toEqual([]);
  });

  it("credits nothing for a commit that belongs to a merged PR: the PR carries the credit", () => {
    const docs = ["docs/a.md", "docs/b.md", "docs/c.md", "docs/d.md"];
    const commit = pushCommit({ files: [...docs, "CODEOWNERS", ".github/workflows/ci.yml", "ROADMAP.md"] });
    expect(rulesFor(commit)).toEqual([
      "docs.push",
      "ownership.codeowners",
      "process.files",
      "planning.roadmap",
    ]);
    expect(creditsFor(commit, { commitInMergedPr: true })).toEqual([]);
  });

  it("credits a commit author known only by login, and never a bot author", () => {
    const known = actor("writer", null);
    expect(creditsFor(pushCommit({ actor: known, files: ["docs/a.md"] }))).toMatchObject([
      { actorLogin: "writer", actorId: null, rule: "docs.push" },
    ]);
    expect(creditsFor(pushCommit({ actor: actor("docs-bot[bot]", null), files: ["docs/a.md"] }))).toEqual([]);
  });
});

describe("onboarding.docs, ownership.codeowners, process.files, planning.roadmap: any change", () => {
  it("credits a one-line change to an onboarding file in a mostly-code PR, alongside code", () => {
    const credits = creditsFor(prMerged(), { files: [file("src/a.ts", 200), file("CONTRIBUTING.md", 1)] });
    expect(credits.map((credit) => [credit.actorLogin, credit.category, credit.rule])).toEqual([
      ["author", "onboarding", "onboarding.docs"],
      ["author", "code", "code.pr"],
    ]);
  });

  it.each([
    [".devcontainer/devcontainer.json", "onboarding.docs"],
    ["docs/onboarding/first-week.md", "onboarding.docs"],
    [".github/CODEOWNERS", "ownership.codeowners"],
    ["OWNERS", "ownership.codeowners"],
    [".github/dependabot.yml", "process.files"],
    [".github/ISSUE_TEMPLATE/bug.yml", "process.files"],
    ["docs/ROADMAP.md", "planning.roadmap"],
  ])("credits a direct push changing %s with %s", (path, rule) => {
    expect(pushed(path, "src/a.ts", "src/b.ts", "src/c.ts")).toEqual([rule]);
  });

  it("credits each kind a change touches", () => {
    const files = [
      file("CODEOWNERS", 2),
      file(".github/workflows/ci.yml", 5),
      file("ROADMAP.md", 3),
      file(".nvmrc", 1),
      file("src/a.ts", 100),
    ];
    expect(rulesFor(prMerged(), { files })).toEqual([
      "onboarding.docs",
      "ownership.codeowners",
      "process.files",
      "planning.roadmap",
      "code.pr",
    ]);
  });

  it("gives each rule its own source key and weight", () => {
    const config = configWith({ weights: { "ownership.codeowners": 4, "process.files": 2 } });
    const credits = creditsFor(prMerged(), { files: [file("CODEOWNERS", 2), file("biome.json", 2)], config });
    expect(credits.map((credit) => [credit.rule, credit.weight, credit.sourceKey])).toEqual([
      ["ownership.codeowners", 4, `ownership.codeowners:${PR7}`],
      ["process.files", 2, `process.files:${PR7}`],
    ]);
  });

  it("credits nothing for code-only changes", () => {
    expect(pushed("src/a.ts")).toEqual([]);
  });

  it("follows configured paths", () => {
    const config = configWith({ paths: { ownership: ["teams.yml"], process: ["ci/**"] } });
    expect(rulesFor(pushCommit({ files: ["teams.yml", "ci/build.sh"] }), { config })).toEqual([
      "ownership.codeowners",
      "process.files",
    ]);
    expect(rulesFor(pushCommit({ files: ["CODEOWNERS", "src/a.ts"] }), { config })).toEqual([]);
  });
});

describe("release.changelog: mostly release files", () => {
  it("credits a PR that prepares a release", () => {
    const files = [file("CHANGELOG.md", 40), file(".changeset/brave-owls.md", 0, 5), file("package.json", 1)];
    expect(creditsFor(prMerged(), { files })).toMatchObject([
      { actorLogin: "author", category: "release", rule: "release.changelog", weight: 1, subjectKey: PR7 },
    ]);
  });

  it("does not credit the changelog line that rides along with a code change", () => {
    expect(merged(file("src/a.ts", 50), file("CHANGELOG.md", 2))).toEqual(["code.pr"]);
  });

  it("credits a direct push of mostly release files", () => {
    expect(pushed("CHANGELOG.md", "lerna.json", "src/version.ts")).toEqual(["release.changelog"]);
  });
});

describe("code.pr: not glue, kept for balance", () => {
  it("credits a mostly-code merged PR to its author", () => {
    expect(creditsFor(prMerged(), { files: [file("src/a.ts", 30), file("README.md", 3)] })).toMatchObject([
      { actorLogin: "author", category: "code", rule: "code.pr", weight: 1, sourceKey: `code.pr:${PR7}` },
    ]);
  });

  it("is not earned by a bot's merged PR", () => {
    expect(creditsFor(prMerged({ pr: pr({ author: BOT_BY_LOGIN }) }), { files: [file("a.ts", 1)] })).toEqual(
      [],
    );
  });
});

describe("unblock.push: commits pushed to someone else's PR branch", () => {
  it("credits the pusher, once per pushed sha", () => {
    const credits = creditsFor(prPushed({ sha: "e".repeat(40) }));
    expect(credits).toMatchObject([
      {
        actorLogin: "helper",
        category: "unblocking",
        rule: "unblock.push",
        weight: 1,
        subjectType: "pull_request",
        subjectKey: PR7,
        sourceKey: `unblock.push:${PR7}@${"e".repeat(40)}`,
      },
    ]);
    expect(creditsFor(prPushed({ sha: "e".repeat(40) }))[0]?.sourceKey).toBe(credits[0]?.sourceKey);
    expect(creditsFor(prPushed({ sha: "f".repeat(40) }))[0]?.sourceKey).not.toBe(credits[0]?.sourceKey);
  });

  it("credits nothing for pushing to your own PR", () => {
    expect(creditsFor(prPushed({ actor: AUTHOR }))).toEqual([]);
  });

  it("also credits unblock.label for commits on someone else's PR labelled blocked", () => {
    const credits = creditsFor(prPushed({ actor: HELPER, pr: pr({ labels: ["blocked"] }) }));
    expect(credits.map((credit) => [credit.actorLogin, credit.rule])).toEqual([
      ["helper", "unblock.push"],
      ["helper", "unblock.label"],
    ]);
  });
});
