import { describe, expect, it } from "vitest";
import { createPathClassifier } from "../../src/classify/path-kinds.js";
import { parseConfig } from "../../src/config/parse-config.js";
import { DEFAULT_PATHS, type PathKind } from "../../src/config/schema.js";

const kindOf = createPathClassifier(DEFAULT_PATHS);

const table = (kind: PathKind, paths: string[]) => paths.map((path) => [path, kind] as const);

describe("default path kinds (the documented table)", () => {
  it.each([
    ...table("ownership", [
      "CODEOWNERS",
      ".github/CODEOWNERS",
      "docs/CODEOWNERS",
      "OWNERS",
      "pkg/owners.txt",
      "OWNERS_ALIASES",
      "MAINTAINERS.md",
    ]),
    ...table("process", [
      ".github/workflows/ci.yml",
      ".github/actions/setup/action.yml",
      ".github/ISSUE_TEMPLATE/bug.yml",
      ".github/DISCUSSION_TEMPLATE/ideas.yml",
      "PULL_REQUEST_TEMPLATE.md",
      ".github/pull_request_template.md",
      "docs/PULL_REQUEST_TEMPLATE/feature.md",
      ".github/PULL_REQUEST_TEMPLATE/feature.md",
      ".github/dependabot.yml",
      ".github/labeler.yaml",
      ".github/release-drafter.yml",
      "renovate.json",
      "renovate.json5",
      "config/renovate.json",
      ".renovaterc",
      ".renovaterc.json",
      "SECURITY.md",
      "docs/SECURITY.md",
      "GOVERNANCE.md",
      "CODE_OF_CONDUCT.md",
      ".github/SUPPORT.md",
      ".gitlab-ci.yml",
      ".circleci/config.yml",
      "azure-pipelines.yml",
      "Jenkinsfile",
      "ci/Jenkinsfile",
      ".travis.yml",
      ".editorconfig",
      ".gitattributes",
      ".eslintrc.json",
      ".eslintrc",
      "eslint.config.mjs",
      "packages/web/eslint.config.js",
      ".eslintignore",
      ".prettierrc",
      "prettier.config.js",
      ".prettierignore",
      "biome.json",
      "biome.jsonc",
      ".oxlintrc.json",
      ".oxfmtrc.json",
      ".stylelintrc",
      ".markdownlint.json",
      ".markdownlint-cli2.yaml",
      ".ls-lint.yml",
      ".golangci.yml",
      "rustfmt.toml",
      "ruff.toml",
      ".pre-commit-config.yaml",
      ".husky/pre-commit",
      ".lintstagedrc",
      "lint-staged.config.js",
      "commitlint.config.js",
    ]),
    ...table("onboarding", [
      "CONTRIBUTING.md",
      "docs/CONTRIBUTING.md",
      ".github/CONTRIBUTING.md",
      "CONTRIBUTING",
      "docs/onboarding/setup.md",
      "docs/team/onboarding/week-one.md",
      "doc/onboarding/tools.txt",
      ".devcontainer/devcontainer.json",
      ".vscode/settings.json",
      ".gitpod.yml",
      ".nvmrc",
      ".node-version",
      ".tool-versions",
    ]),
    ...table("planning", ["ROADMAP.md", "ROADMAP", "docs/ROADMAP.md"]),
    ...table("release", [
      "CHANGELOG.md",
      "CHANGELOG",
      "CHANGELOG.markdown",
      "CHANGELOG.rst",
      "CHANGELOG.txt",
      "CHANGELOG.adoc",
      "packages/core/CHANGELOG.md",
      "changelog/CHANGELOG.md",
      "CHANGES.md",
      "HISTORY.md",
      "RELEASING.md",
      ".changeset/brave-owls.md",
      ".changeset/config.json",
      ".releaserc",
      ".releaserc.json",
      "release.config.js",
      "lerna.json",
    ]),
    ...table("design", [
      "docs/design/queue.md",
      "architecture/adr/0001-queue.md",
      "adr/0001.md",
      "docs/adrs/0002.md",
      "rfcs/0001-plugins.md",
      "src/rfc/notes.md",
      "notes/my-rfc-draft.md",
      "docs/decisions/0001.md",
      "design-docs/storage.md",
      "proposals/sharding.md",
      "docs/proposals/sharding.md",
    ]),
    ...table("docs", [
      "docs/guide.md",
      "docs/api.json",
      "doc/usage.txt",
      "documentation/index.html",
      "website/docs/intro.js",
      "README.md",
      "README",
      "README.txt",
      "notes.md",
      "pkg/a/guide.mdx",
      "index.rst",
      "manual.adoc",
      "mkdocs.yml",
      "typedoc.json",
    ]),
    ...table("code", ["src/index.ts", "package.json", "notes.txt", "website/src/app.js"]),
  ])("%s is %s", (path, kind) => {
    expect(kindOf(path)).toBe(kind);
  });
});

describe("a name in capitals is a document of that name, never a source file or folder", () => {
  it.each([
    ["changelog-gen.js", "code"],
    ["changelog.js", "code"],
    ["changelog/index.js", "code"],
    ["src/changelog/index.js", "code"],
    ["changelog-github/index.js", "code"],
    ["security.ts", "code"],
    ["src/security.ts", "code"],
    ["security/index.ts", "code"],
    ["support.ts", "code"],
    ["contributing/index.js", "code"],
    ["roadmap/index.ts", "code"],
    ["codeowners.ts", "code"],
    ["history/index.ts", "code"],
    ["src/readme/index.js", "code"],
    ["CHANGELOG.md.bak", "code"],
  ] as const)("%s is %s", (path, kind) => {
    expect(kindOf(path)).toBe(kind);
  });
});

describe("matching rules", () => {
  it("matches case-insensitively", () => {
    expect(kindOf("changelog.md")).toBe("release");
    expect(kindOf("Contributing.rst")).toBe("onboarding");
    expect(kindOf("jenkinsfile")).toBe("process");
    expect(kindOf(".github/issue_template/bug.md")).toBe("process");
    expect(kindOf("Docs/Guide.MD")).toBe("docs");
    expect(kindOf("DOCS/setup.txt")).toBe("docs");
    expect(kindOf("ADR/0001.md")).toBe("design");
  });

  it("anchors a pattern with a slash at the repository root", () => {
    expect(kindOf("docs/setup.txt")).toBe("docs");
    expect(kindOf("pkg/docs/setup.txt")).toBe("code");
    expect(kindOf("pkg/docs/design/x.md")).toBe("docs");
    expect(kindOf("pkg/proposals/x.md")).toBe("docs");
    expect(kindOf("sub/.github/labeler.yml")).toBe("code");
    expect(kindOf("pkg/.vscode/settings.json")).toBe("code");
    expect(kindOf("website/src/x.js")).toBe("code");
  });

  it("matches a pattern without a slash at any depth", () => {
    expect(kindOf("a/b/c/notes.md")).toBe("docs");
    expect(kindOf("a/b/mkdocs.yml")).toBe("docs");
    expect(kindOf("a/b/.nvmrc")).toBe("onboarding");
    expect(kindOf("services/api/.eslintrc.cjs")).toBe("process");
  });

  it("gives each file the first kind that matches, in the kinds' order", () => {
    expect(kindOf("docs/design/x.md")).toBe("design");
    expect(kindOf("CONTRIBUTING.md")).toBe("onboarding");
    expect(kindOf("docs/onboarding/setup.md")).toBe("onboarding");
    expect(kindOf("docs/CHANGELOG.md")).toBe("release");
    expect(kindOf("docs/ROADMAP.md")).toBe("planning");
    expect(kindOf("docs/CODEOWNERS")).toBe("ownership");
    expect(kindOf(".changeset/brave-owls.md")).toBe("release");
    expect(kindOf("docs/SECURITY.md")).toBe("process");
  });

  it("ignores a leading slash and calls an empty path code", () => {
    expect(kindOf("/README.md")).toBe("docs");
    expect(kindOf("")).toBe("code");
  });
});

describe("configured paths", () => {
  it("replaces a kind's defaults with the config's patterns", () => {
    const { config, problems } = parseConfig({
      paths: { docs: ["handbook/**"], planning: ["ROADMAP", "plans/**"], onboarding: ["WELCOME"] },
    });
    expect(problems).toEqual([]);
    const custom = createPathClassifier(config.paths);
    expect(custom("handbook/deploy.txt")).toBe("docs");
    expect(custom("README.md")).toBe("code");
    expect(custom("plans/q3.md")).toBe("planning");
    expect(custom("pkg/plans/q3.md")).toBe("code");
    expect(custom("docs/WELCOME.md")).toBe("onboarding");
    expect(custom("welcome/index.ts")).toBe("code");
    expect(custom("CONTRIBUTING.md")).toBe("code");
    expect(custom("CODEOWNERS")).toBe("ownership");
  });
});
