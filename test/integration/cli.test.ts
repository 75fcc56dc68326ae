import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { openStore } from "../../src/store/open-store.js";
import { recordCredits } from "../../src/store/record-credits.js";
import type { Credit } from "../../src/vocabulary/credit.js";
import { defaultOrder } from "../helpers/order-rules.js";

const credit = (
  login: string,
  key: string,
  at: string,
  rule: Credit["rule"] = "review.submitted",
): Credit => ({
  installationId: 7,
  repoId: 1,
  repo: "acme/web",
  repoPrivate: false,
  actorLogin: login,
  actorId: null,
  category: rule === "code.pr" ? "code" : "code-review",
  rule,
  weight: 1,
  subjectType: "pull_request",
  subjectKey: `acme/web#${key}`,
  url: `https://github.com/acme/web/pull/${key}`,
  occurredAt: at,
  sourceKey: `k:${key}`,
});

/** The app's credentials: the CLI commands that write to GitHub need them. */
const APP_CREDENTIALS = ["APP_ID", "PRIVATE_KEY", "PRIVATE_KEY_PATH"] as const;

/** Runs `body` with none of the app's credentials set, then sets back those that were. */
const withoutAppCredentials = async (body: () => Promise<void>): Promise<void> => {
  const saved = APP_CREDENTIALS.map((name) => [name, process.env[name]] as const);
  for (const name of APP_CREDENTIALS) delete process.env[name];
  try {
    await body();
  } finally {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  }
};

/** Runs the CLI in-process against the embedded store in `dataDir`. */
const run = async (dataDir: string, ...args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const saved = { dir: process.env.GLUEWORK_DATA_DIR, url: process.env.DATABASE_URL };
  process.env.GLUEWORK_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  try {
    const code = await main(["node", "gluework", ...args], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    return { code, out: out.join(""), err: err.join("") };
  } finally {
    process.env.GLUEWORK_DATA_DIR = saved.dir;
    if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
  }
};

describe("gluework CLI on the embedded store", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "gluework-cli-"));
    const store = await openStore({ dataDir, role: "cli" });
    await recordCredits(
      store.sql,
      { installationId: 7, deliveryId: "seed", event: "seed" },
      [
        credit("mona", "1", "2026-10-02T10:00:00Z"),
        credit("mona", "2", "2026-10-20T10:00:00Z"),
        credit("hubot", "3", "2026-10-21T10:00:00Z", "code.pr"),
        credit("mona", "4", "2019-05-15T10:00:00Z"),
      ],
      defaultOrder,
    );
    await store.close();
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("prints the JSON contract for a window, until inclusive", async () => {
    const { code, out } = await run(
      dataDir,
      "report",
      "--installation",
      "7",
      "--since",
      "2026-10-01",
      "--until",
      "2026-10-20",
      "--format",
      "json",
    );
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      installation: 7,
      since: "2026-10-01T00:00:00.000Z",
      until: "2026-10-20T23:59:59.999Z",
      contributors: [
        {
          login: "mona",
          glue: 2,
          code: 0,
          categories: { "code-review": 2 },
          teams: [],
          items: [
            {
              category: "code-review",
              rule: "review.submitted",
              repo: "acme/web",
              url: "https://github.com/acme/web/pull/1",
              at: "2026-10-02T10:00:00.000Z",
            },
            {
              category: "code-review",
              rule: "review.submitted",
              repo: "acme/web",
              url: "https://github.com/acme/web/pull/2",
              at: "2026-10-20T10:00:00.000Z",
            },
          ],
        },
      ],
    });
  });

  it("--team names a team the store knows, else exits 2 saying so", async () => {
    const { code, err } = await run(dataDir, "report", "--installation", "7", "--team", "platform");
    expect(code).toBe(2);
    expect(err).toContain("Installation 7 has no team called platform: no teams are stored yet");
    const bad = await run(dataDir, "report", "--installation", "7", "--team", "a b");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--team must be a team's slug");
  });

  it("covers all history when no dates are given", async () => {
    const { code, out } = await run(dataDir, "report", "--installation", "7", "--format", "json");
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(
      report.contributors.map((c: { login: string; glue: number; code: number }) => [
        c.login,
        c.glue,
        c.code,
      ]),
    ).toEqual([
      ["mona", 3, 0],
      ["hubot", 0, 1],
    ]);
  });

  it("prints CSV and Markdown", async () => {
    const csv = await run(dataDir, "report", "--installation", "7", "--format", "csv");
    expect(csv.out.split("\n")[0]).toBe(
      "login,glue_credits,code_credits,weighted_glue,code-review,design-review,documentation,onboarding,triage,ownership,process,unblocking,planning,support,release",
    );
    const header = csv.out.split("\n")[0]?.split(",") ?? [];
    expect(new Set(header).size).toBe(header.length);
    const markdown = await run(dataDir, "report", "--installation", "7", "--repo", "acme/web");
    expect(markdown.out).toContain("| [mona](https://github.com/mona)");
    expect(markdown.out).not.toContain("@mona");
  });

  it.each([
    [["report"], "--installation"],
    [["report", "--installation", "abc"], "--installation must be"],
    [["report", "--installation", "7", "--format", "xml"], "xml"],
    [["report", "--installation", "7", "--since", "2026-13-45"], "YYYY-MM-DD"],
    [["report", "--installation", "7", "--since", "2026-02-30"], '--since "2026-02-30" is not a date'],
    [["report", "--installation", "7", "--until", "05.10.2026"], '--until "05.10.2026" is not a date'],
    [["report", "--installation", "7", "--since", "1"], '--since "1" is not a date'],
    [["backfill", "--installation", "7", "--since", "2026-10-01T09:30"], "full ISO 8601 time"],
    [["report", "--installation", "7", "--repo", "not-a-repo"], "OWNER/NAME"],
    [
      ["report", "--installation", "7", "--since", "2026-10-10", "--until", "2026-10-01"],
      "--since must be before --until",
    ],
    [["publish", "--installation", "7", "--month", "October"], "YYYY-MM"],
    [["reclassify"], "--installation"],
    [["reclassify", "--installation", "7", "--repo", "not-a-repo"], "OWNER/NAME"],
    [["reclassify", "--installation", "7", "--since", "2026-13-45"], "YYYY-MM-DD"],
    [["frobnicate"], "unknown command"],
  ])("rejects %j with exit code 2 and says what to write", async (args, message) => {
    const { code, err } = await run(dataDir, ...args);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  it("prints its version", async () => {
    const { code, out } = await run(dataDir, "--version");
    expect(code).toBe(0);
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("says why a report is empty: an unknown installation or repository, or the window", async () => {
    const unknown = await run(dataDir, "report", "--installation", "999");
    expect(unknown.out).toContain("Installation 999 has no credits at all");
    const repo = await run(dataDir, "report", "--installation", "7", "--repo", "acme/nope");
    expect(repo.out).toContain("Installation 7 has no credits in acme/nope");
    const window = await run(
      dataDir,
      "report",
      "--installation",
      "7",
      "--since",
      "2001-01-01",
      "--until",
      "2001-01-31",
      "--format",
      "json",
    );
    expect(JSON.parse(window.out).contributors).toEqual([]);
    expect(window.err).toMatch(
      /No credits for installation 7 from 2001-01-01 to 2001-01-31 \(UTC\); it has credits from \d{4}-/,
    );
  });

  it("demo writes the preview of every output, and publish --dry-run works offline for its installation", async () => {
    await withoutAppCredentials(async () => {
      const demo = await run(dataDir, "demo", "--format", "json");
      expect(demo.code).toBe(0);
      const preview = join(dataDir, "preview");
      expect(demo.err).toContain(`open ${join(preview, "index.html")}`);
      for (const name of [
        "monthly-report.md",
        "check-run.md",
        "credit-comment.md",
        "portfolio.md",
        "index.html",
        "mermaid.min.js",
      ])
        expect(existsSync(join(preview, name)), name).toBe(true);
      const issue = await readFile(join(preview, "monthly-report.md"), "utf8");
      const published = await run(
        dataDir,
        "publish",
        "--installation",
        "4242",
        "--month",
        "2026-10",
        "--dry-run",
      );
      expect(published.err).toBe("");
      expect(published.code).toBe(0);
      expect(published.out).toContain("acme-robotics/.github: would open report issue");
      expect(published.out).toContain("# Glue work report: October 2026 (acme-robotics)");
      expect(published.out).toContain(issue.trimEnd());
    });
  }, 120_000);

  it("publish and reclassify without the app's credentials say which variables to set", async () => {
    await withoutAppCredentials(async () => {
      for (const args of [
        ["publish", "--installation", "7", "--month", "2026-10"],
        ["reclassify", "--installation", "7"],
      ]) {
        const { code, err } = await run(dataDir, ...args);
        expect(code).toBe(2);
        expect(err).toContain("APP_ID");
      }
    });
  });
});
