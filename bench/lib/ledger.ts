/**
 * A synthetic ledger for the report benchmark: credits of one organisation over twelve months,
 * 200 repositories and 2,000 people with Zipf-like skew (a few people and repositories carry
 * most of the work), the rule mix of a real org, and the PR rows the highlights join against.
 * Rows are written oldest first, as webhooks write them, so a month sits together on disk.
 * Loaded in bulk: COPY on PostgreSQL, batched multi-row inserts on the embedded store.
 */

import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Sql } from "../../src/store/db.js";
import { CREDIT_COLUMNS } from "../../src/store/record-credits.js";
import { categoryOf, type RuleId } from "../../src/vocabulary/rules.js";
import { seeded } from "../../test/e2e/helpers/deliver.js";
import { zipf } from "./people.js";

export const LEDGER_INSTALLATION = 4_040;
export const LEDGER_ORG = "bigorg";
/** The month the benchmark reports: the last of the twelve. */
export const REPORT_MONTH = "2026-03";
const FIRST_DAY = Date.UTC(2025, 3, 1);
const LAST_DAY = Date.UTC(2026, 3, 1);
export const MONTHS = 12;

const REPOSITORIES = 200;
const PEOPLE = 2_000;
/** Credits per PR subject, on average: its reviews, comments, merge, triage. */
const CREDITS_PER_PR = 8;

/** How often each rule occurs among an organisation's credits. */
const RULE_MIX: [RuleId, number][] = [
  ["review.submitted", 24],
  ["review.comment", 22],
  ["review.discussion", 9],
  ["code.pr", 12],
  ["triage.label", 6],
  ["triage.assign", 3],
  ["triage.close", 2],
  ["support.answer", 3],
  ["support.first-response", 2],
  ["docs.pr", 3],
  ["docs.push", 1],
  ["mentor.newcomer", 2],
  ["onboarding.label", 1],
  ["review.design", 1.5],
  ["unblock.stale-review", 1.5],
  ["process.files", 1.5],
  ["ownership.codeowners", 0.5],
  ["release.published", 0.5],
  ["release.changelog", 0.5],
  ["planning.milestone", 1],
  ["planning.tracking", 0.5],
];
const RULE_TOTAL = RULE_MIX.reduce((sum, [, weight]) => sum + weight, 0);

const PR_RULES = new Set<RuleId>([
  "review.submitted",
  "review.comment",
  "review.discussion",
  "code.pr",
  "docs.pr",
  "mentor.newcomer",
  "review.design",
  "unblock.stale-review",
  "process.files",
  "ownership.codeowners",
  "release.changelog",
]);

export const repoName = (index: number) => `${LEDGER_ORG}/repo-${String(index).padStart(3, "0")}`;

type Row = (string | number | boolean | null)[];

const PR_COLUMNS = [
  "installation_id",
  "repo_id",
  "number",
  "repo",
  "head_sha",
  "author_login",
  "merged",
] as const;

/**
 * Credits number `from` … `to - 1` of a ledger of `total` credits, in the order webhooks would have
 * written them: oldest first, give or take a few hours. The same numbers always give the same rows.
 */
const creditRows = function* (
  from: number,
  to: number,
  total: number,
): Generator<{ credit: Row; pull: Row | null }> {
  const pickPerson = zipf(PEOPLE, 1.05);
  const pickRepo = zipf(REPOSITORIES, 0.9);
  for (let n = from; n < to; n += 1) {
    const random = seeded(n * 7919 + 17);
    let roll = random() * RULE_TOTAL;
    let rule: RuleId = "review.submitted";
    for (const [candidate, weight] of RULE_MIX) {
      roll -= weight;
      if (roll <= 0) {
        rule = candidate;
        break;
      }
    }
    const repoIndex = pickRepo(random);
    const repo = repoName(repoIndex);
    const person = pickPerson(random);
    const at = new Date(
      Math.min(LAST_DAY - 1, FIRST_DAY + ((n + random() * 100) / total) * (LAST_DAY - FIRST_DAY)),
    );
    const onPr = PR_RULES.has(rule);
    // PR numbers grow with time, so a PR's credits fall in the weeks around its number.
    const number = Math.floor((at.getTime() - FIRST_DAY) / 86_400_000) * 4 + Math.floor(random() * 4) + 1;
    const kind = onPr ? "pull" : "issues";
    const subject = `${repo}#${number}`;
    const url = `https://github.com/${repo}/${kind}/${number}#event-${n}`;
    const credit: Row = [
      LEDGER_INSTALLATION,
      `${rule}:${n}`,
      500_000 + repoIndex,
      repo,
      repoIndex % 5 === 4,
      `person${String(person).padStart(4, "0")}`,
      1_000_000 + person,
      categoryOf(rule),
      rule,
      rule === "review.comment" ? 0.5 : 1,
      onPr ? "pull_request" : "issue",
      subject,
      url,
      at.toISOString(),
      rule === "review.submitted" && random() < 0.1 ? "changes_requested" : null,
    ];
    // One PR row per PR subject, written with the credit that numbers it first.
    const pull: Row | null =
      onPr && n % CREDITS_PER_PR === 0
        ? [
            LEDGER_INSTALLATION,
            500_000 + repoIndex,
            number,
            repo,
            n.toString(16).padStart(40, "0"),
            `person${String(pickPerson(random)).padStart(4, "0")}`,
            random() < 0.85,
          ]
        : null;
    yield { credit, pull };
  }
};

const tsvField = (value: string | number | boolean | null) =>
  value === null ? "\\N" : typeof value === "boolean" ? (value ? "t" : "f") : String(value);

const tsv = (rows: Row[]) => Buffer.from(rows.map((row) => `${row.map(tsvField).join("\t")}\n`).join(""));

const BATCH = 20_000;

/** Loads a ledger of `total` credits (and their PR rows) into an empty store: COPY or batched inserts. */
export const loadCredits = async (sql: Sql, total: number, method: "copy" | "insert"): Promise<void> => {
  for (let start = 0; start < total; start += BATCH) {
    const credits: Row[] = [];
    const pulls: Row[] = [];
    for (const { credit, pull } of creditRows(start, Math.min(total, start + BATCH), total)) {
      credits.push(credit);
      if (pull) pulls.push(pull);
    }
    if (method === "copy") {
      await copyRows(sql, "credits", CREDIT_COLUMNS, credits);
      await copyRows(sql, "pull_requests", PR_COLUMNS, pulls, "on conflict");
    } else {
      await insertRows(sql, "credits", CREDIT_COLUMNS, credits);
      await insertRows(sql, "pull_requests", PR_COLUMNS, pulls);
    }
  }
};

const copyRows = async (
  sql: Sql,
  table: string,
  columns: readonly string[],
  rows: Row[],
  conflicts?: "on conflict",
): Promise<void> => {
  if (rows.length === 0) return;
  if (conflicts) {
    // PR rows can repeat a (repo, number) pair: COPY into a scratch table, then insert the new ones.
    await sql.begin(async (tx) => {
      await tx.unsafe(`create temp table scratch (like ${table} including defaults) on commit drop`);
      const stream = await tx.unsafe(`copy scratch (${columns.join(", ")}) from stdin`).writable();
      await pipeline(Readable.from([tsv(rows)]), stream);
      await tx.unsafe(`insert into ${table} select * from scratch on conflict do nothing`);
    });
    return;
  }
  const stream = await sql.unsafe(`copy ${table} (${columns.join(", ")}) from stdin`).writable();
  await pipeline(Readable.from([tsv(rows)]), stream);
};

const insertRows = async (
  sql: Sql,
  table: string,
  columns: readonly string[],
  rows: Row[],
): Promise<void> => {
  // 15 columns × 2,000 rows stays under PostgreSQL's 65,535 parameters.
  for (let start = 0; start < rows.length; start += 2_000) {
    const objects = rows
      .slice(start, start + 2_000)
      .map((row) => Object.fromEntries(columns.map((column, i) => [column, row[i]])));
    await sql`insert into ${sql(table)} ${sql(objects, columns as unknown as string[])} on conflict do nothing`;
  }
};
