/**
 * Every config key has a visible effect, and a test that proves it: this file lists, for each key
 * of the config schema, the test that fails when the key stops changing what Gluework does, and
 * checks that the list covers every key and that each test exists. It also holds the test of
 * `weights` and `light_review_weight`, whose effect is on outputs (the portfolio, the CSV).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configJsonSchema } from "../../src/config/json-schema.js";
import { portfolioReply } from "../../src/publish/command-replies.js";
import { renderCsv } from "../../src/report/csv.js";
import { summarize } from "../../src/report/summarize.js";
import { configWith, creditsFor, pr, review } from "../helpers/activities.js";

/** Key → [test file, test name]. `paths.<kind>` and `weights.<rule>` are one entry each. */
const EFFECTS: Record<string, [string, string]> = {
  opt_out: [
    "test/integration/issues.test.ts",
    "records nothing for a repository whose config sets opt_out: true",
  ],
  dry_run: [
    "test/integration/check-run.test.ts",
    "plans the check run and writes nothing when the repository's config says dry_run: true",
  ],
  paths: ["test/unit/classify-authored.test.ts", "follows configured paths"],
  "labels.design": ["test/unit/classify-review.test.ts", "follows configured design labels and paths"],
  "labels.newcomer": ["test/unit/classify-triage.test.ts", "follows configured newcomer labels"],
  "labels.blocked": ["test/unit/classify-review.test.ts", "follows configured blocked labels"],
  "labels.tracking": [
    "test/unit/classify-planning-support.test.ts",
    "follows planning.task_list_min and labels.tracking from config",
  ],
  newcomer_associations: ["test/unit/classify-review.test.ts", "follows configured newcomer associations"],
  member_associations: [
    "test/unit/classify-planning-support.test.ts",
    "follows configured member associations",
  ],
  "unblocking.wait_hours": ["test/unit/classify-review.test.ts", "follows unblocking.wait_hours from config"],
  "planning.task_list_min": [
    "test/unit/classify-planning-support.test.ts",
    "follows planning.task_list_min and labels.tracking from config",
  ],
  weights: [
    "test/unit/config-effects.test.ts",
    "weights and light_review_weight change the portfolio's weight column and the CSV's weighted_glue",
  ],
  light_review_weight: [
    "test/unit/config-effects.test.ts",
    "weights and light_review_weight change the portfolio's weight column and the CSV's weighted_glue",
  ],
  "exclude.logins": [
    "test/integration/issues.test.ts",
    "honours `exclude: { logins }`, case-insensitively, and credits everyone else",
  ],
  "credit_comment.enabled": [
    "test/integration/credit-comment.test.ts",
    "posts nothing when the repository turned the credit comment off",
  ],
  "credit_comment.mentions": [
    "test/unit/output-escaping.test.ts",
    "keeps the credit comment to one marker, and notifies nobody unless mentions are on",
  ],
  "report.repository": [
    "test/integration/monthly-report.test.ts",
    "goes to report.repository from the org's config, and report.balance.min_credits changes the balance notes",
  ],
  "report.day": [
    "test/integration/monthly-report-settings.test.ts",
    "takes the report day from the organisation's config, never from a repository's",
  ],
  "report.balance.min_credits": [
    "test/unit/report-balance.test.ts",
    "stay silent about a category below report.balance.min_credits",
  ],
  "report.teams": [
    "test/integration/monthly-report-teams.test.ts",
    "a public destination: a section per visible team, balance within the team, no secret team, nothing private",
  ],
  "report.destinations": [
    "test/integration/monthly-report-teams.test.ts",
    "report.destinations gives a team an issue of its own and takes its section out of the organisation's; a secret team gets none in a public repository",
  ],
  "report.teams_min_size": [
    "test/integration/monthly-report-teams.test.ts",
    "a private destination shows the secret team and private work; credits count for the team of the time",
  ],
  "backfill.days": [
    "test/integration/backfill-ledger.test.ts",
    "imports only the repository's backfill.days of history",
  ],
};

type JsonSchema = { properties?: Record<string, JsonSchema> };

/** Every key of the schema, objects descended into but for `paths` and `weights` (one entry each). */
const keysOf = (schema: JsonSchema, prefix = ""): string[] =>
  Object.entries(schema.properties ?? {}).flatMap(([key, child]) => {
    const name = `${prefix}${key}`;
    if (key === "_extends" || name === "paths" || name === "weights" || !child.properties) return [name];
    return keysOf(child, `${name}.`);
  });

describe("every config key has a visible effect", () => {
  it("names a test for every key of the schema, and each test exists", () => {
    const keys = keysOf(configJsonSchema() as JsonSchema).filter((key) => key !== "_extends");
    expect(keys.filter((key) => !(key in EFFECTS))).toEqual([]);
    expect(Object.keys(EFFECTS).filter((key) => !keys.includes(key))).toEqual([]);
    for (const [key, [file, name]] of Object.entries(EFFECTS)) {
      expect(readFileSync(file, "utf8"), `${key}: ${file}`).toContain(name);
    }
  });

  it("weights and light_review_weight change the portfolio's weight column and the CSV's weighted_glue", () => {
    const outputs = (raw: Record<string, unknown>) => {
      const config = configWith(raw);
      const files = { files: [{ path: "src/a.ts", additions: 10, deletions: 0 }], config };
      const credits = [
        ...creditsFor(
          review({ id: 1, state: "approved", body: "Looks right, thanks", pr: pr({ number: 1 }) }),
          files,
        ),
        ...creditsFor(review({ id: 2, state: "approved", body: "", pr: pr({ number: 2 }) }), files),
      ];
      const rows = credits.map((credit) => ({
        ...credit,
        occurredAt: new Date(credit.occurredAt),
        title: null,
      }));
      const report = summarize(rows, { installation: 1, since: new Date(0), until: new Date() });
      const items = credits.map((credit) => ({ ...credit, at: credit.occurredAt }));
      return {
        csv: renderCsv(report).split("\n")[1],
        portfolio: portfolioReply({
          commentId: 1,
          login: "helper",
          since: "2024-01-01",
          items,
          leftOut: 0,
        }),
      };
    };
    const defaults = outputs({});
    expect(defaults.csv).toMatch(/^helper,2,0,1\.5,/); // 1 + the light review's 0.5
    expect(defaults.portfolio).toContain("| code-review | 2 | 1.5 |");
    const weighted = outputs({ weights: { "review.submitted": 3 }, light_review_weight: 0.25 });
    expect(weighted.csv).toMatch(/^helper,2,0,3\.25,/);
    expect(weighted.portfolio).toContain("| code-review | 2 | 3.25 |");
  });
});
