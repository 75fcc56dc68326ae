import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const markdownFiles = async (): Promise<string[]> => [
  "README.md",
  ...(await readdir(join(root, "docs"))).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`),
];

/** Every link target in a Markdown text: inline links and images, and reference definitions. */
const linkTargets = (markdown: string): string[] => {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  const inline = [...withoutCode.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map(
    (m) => m[1] ?? "",
  );
  const references = [...withoutCode.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1] ?? "");
  return [...inline, ...references];
};

const isLocal = (target: string) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith("#");

/** Folders whose text must stand on its own: nothing in them may cite a file outside the project. */
const OWN_TEXT = ["README.md", "docs", "src", "test", "bench", "scripts", "bin", "app.yml", ".ci"];

const walk = async (path: string): Promise<string[]> => {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  const entries = await readdir(full, { withFileTypes: true }).catch(() => null);
  if (!entries) return [path];
  const nested = await Promise.all(
    entries.filter((entry) => entry.name !== "node_modules").map((entry) => walk(join(path, entry.name))),
  );
  return nested.flat();
};

describe("the project's documentation", () => {
  it("finds the links it checks", () => {
    expect(linkTargets("see [a](docs/a.md), ![b](docs/b.png) and `[c](c.md)`\n[d]: ./d.md")).toEqual([
      "docs/a.md",
      "docs/b.png",
      "./d.md",
    ]);
  });

  it("links only to files that exist in the repository", async () => {
    const broken: string[] = [];
    for (const file of await markdownFiles()) {
      const text = await readFile(join(root, file), "utf8");
      for (const target of linkTargets(text).filter(isLocal)) {
        const path = decodeURIComponent(target.split("#")[0] ?? "");
        if (path === "") continue;
        const resolved = resolve(dirname(join(root, file)), path);
        if (!existsSync(resolved) || relative(root, resolved).startsWith(".."))
          broken.push(`${file} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("cites no design or style document that lives outside the repository", async () => {
    const files = (await Promise.all(OWN_TEXT.map(walk))).flat().filter((file) => !file.endsWith(".png"));
    expect(files.length).toBeGreaterThan(50);
    const citing: string[] = [];
    for (const file of files) {
      const text = await readFile(join(root, file), "utf8");
      if (/DESIGN\.md|STYLE\.md|\.\.\/shared\//.test(text) && file !== "test/unit/doc-links.test.ts")
        citing.push(file);
    }
    expect(citing).toEqual([]);
  });
});
