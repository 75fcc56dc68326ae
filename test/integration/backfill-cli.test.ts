import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { createGraphqlDouble, type GraphqlDouble } from "../helpers/history/graphql-double.js";
import { serveGithubDouble } from "../helpers/history/serve-github-double.js";
import { generateHistory } from "../helpers/history/synthetic-history.js";

/**
 * `gluework backfill` as an operator runs it: as the GitHub App (APP_ID and a private key),
 * against GitHub at GHE_HOST (here the GraphQL double on 127.0.0.1), into the embedded store.
 */
describe("gluework backfill", () => {
  const history = generateHistory({ pullRequests: 110, issues: 30, seed: 9 });
  let double: GraphqlDouble;
  let server: Awaited<ReturnType<typeof serveGithubDouble>>;
  let dataDir: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    double = createGraphqlDouble(history);
    server = await serveGithubDouble(double);
    dataDir = await mkdtemp(join(tmpdir(), "gluework-backfill-cli-"));
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    process.env.APP_ID = "12345";
    process.env.PRIVATE_KEY = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
    process.env.GHE_HOST = server.url.replace("http://", "");
    process.env.GHE_PROTOCOL = "http";
    process.env.GLUEWORK_DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
  });
  afterAll(async () => {
    process.env = saved;
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const run = async (...args: string[]) => {
    let out = "";
    let err = "";
    const code = await main(["node", "gluework", ...args], {
      out: (text) => {
        out += text;
      },
      err: (text) => {
        err += text;
      },
    });
    return { code, out, err };
  };

  it("imports every repository of the installation with a line per page, then reports it", async () => {
    const backfill = await run("backfill", "--installation", "4242", "--since", "2026-01-01");
    expect(backfill.err).toBe("");
    expect(backfill.code).toBe(0);
    expect(backfill.out).toMatch(/^acme\/rockets: importing history since 2026-01-01T00:00:00.000Z$/m);
    expect(backfill.out).toMatch(
      /^acme\/rockets: pull_requests page, \d+ items, \d+ activities, \d+ requests, \d+ points left/m,
    );
    expect(backfill.out).toMatch(/^acme\/rockets: \d+ items, \d+ activities, \d+ requests$/m);
    // History goes through the classify stage, run by the command once the pages are read.
    const [, imported] = backfill.out.match(/^acme\/rockets: \d+ items, (\d+) activities/m) ?? [];
    const [, classified, credits] =
      backfill.out.match(/^(\d+) activities classified: (\d+) new credits\.$/m) ?? [];
    // The same activity read twice (one page and a follow-up) is one inbox entry.
    expect(Number(classified)).toBeGreaterThan(Number(imported) * 0.9);
    expect(Number(classified)).toBeLessThanOrEqual(Number(imported));
    expect(Number(credits)).toBeGreaterThan(100);
    expect(double.stats.requests).toBeGreaterThan(3);
    // Every request was one the GitHub double answers, with the installation's own token.
    expect(server.github.unexpected).toEqual([]);

    const report = await run("report", "--installation", "4242", "--since", "2026-01-01", "--format", "json");
    expect(report.code).toBe(0);
    const contributors = JSON.parse(report.out).contributors as { login: string; glue: number }[];
    expect(contributors.reduce((sum, person) => sum + person.glue, 0)).toBeGreaterThan(100);
  }, 90_000);

  it("says what to write when called wrongly", async () => {
    const both = await run("backfill", "--installation", "4242", "--days", "30", "--since", "2026-01-01");
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/give either --days or --since, not both/);
    const repo = await run("backfill", "--installation", "4242", "--repo", "acme/missing");
    expect(repo.code).toBe(2);
    expect(repo.err).toMatch(/acme\/missing is not visible to installation 4242/);
  });
});
