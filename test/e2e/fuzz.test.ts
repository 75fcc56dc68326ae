import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATEGORIES, RULE_IDS } from "../../src/vocabulary/rules.js";
import { example, examplesOf } from "../helpers/examples.js";
import { ledgerLines, report } from "./helpers/cli.js";
import { deliver } from "./helpers/deliver.js";
import { MERGED_PR, pullRequestStory, registerMonth, repoOf, retarget } from "./helpers/scenario.js";
import { type Stack, settled, startStack } from "./helpers/stack.js";

/** Every event Gluework reads, plus the installation events, as GitHub documents them. */
const EVENTS = [
  "pull_request",
  "pull_request_review",
  "pull_request_review_comment",
  "issues",
  "issue_comment",
  "push",
  "milestone",
  "release",
  "discussion",
  "discussion_comment",
  "team",
  "membership",
  "organization",
  "installation",
];

const INSTALLATION = 601;
const REPO = repoOf(INSTALLATION, 9601, "org-fuzz", "widgets");

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Another installation of the same org, which the fuzzed `installation.deleted` removes for good. */
const UNINSTALLED = { ...REPO, installationId: INSTALLATION + 1 };

/**
 * `installation.created` queues a history import, which has a GraphQL double of its own. An
 * uninstall is final, so `installation.deleted` names another installation: the one under test
 * must still do its real work afterwards.
 */
const SEEDS = EVENTS.flatMap((name) =>
  examplesOf(name)
    .filter((payload) => name !== "installation" || payload.action === "deleted")
    .map((payload) => ({
      name,
      payload: retarget(payload, name === "installation" ? UNINSTALLED : REPO) as Json,
    })),
);

/** Every path into a payload (the root too), to a depth that reaches the fields Gluework reads. */
const pathsOf = (value: Json, depth = 6): (string | number)[][] => {
  const paths: (string | number)[][] = [[]];
  const walk = (node: Json, path: (string | number)[]) => {
    if (path.length >= depth || node === null || typeof node !== "object") return;
    for (const [key, child] of Object.entries(node)) {
      const next = [...path, Array.isArray(node) ? Number(key) : key];
      paths.push(next);
      walk(child as Json, next);
    }
  };
  walk(value, []);
  return paths;
};

const ODD_TEXT = [
  "\u0000",
  "nul\u0000inside",
  "\u202Eevil\u202C",
  "👩‍👩‍👧‍👦🏳️‍🌈",
  "\uFEFFbom",
  "é".normalize("NFD"),
  "𝕌𝕟𝕚𝕔𝕠𝕕𝕖",
  "' or 1=1 --",
  `$${"{"}jndi:x}`,
  "../../etc/passwd",
  "<!-- gluework:credit -->",
  "a\r\nb",
];

const deep = (levels: number): Json => {
  let node: Json = "bottom";
  for (let i = 0; i < levels; i += 1) node = i % 2 === 0 ? { nested: node } : [node];
  return node;
};

/** A replacement value of each kind a broken or hostile payload can carry. */
const replacement = fc.oneof(
  fc.constant<Json | undefined>(undefined),
  fc.constant<Json>(null),
  fc.integer({ min: -(2 ** 53), max: 2 ** 53 }).map((n) => n as Json),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => n as Json),
  fc.boolean().map((b) => b as Json),
  fc.constant<Json>([]),
  fc.constant<Json>({}),
  fc.string({ unit: "binary", maxLength: 40 }).map((s) => s as Json),
  fc.constantFrom(...ODD_TEXT).map((s) => s as Json),
  fc.integer({ min: 10_000, max: 300_000 }).map((n) => "x".repeat(n) as Json),
  fc.integer({ min: 50, max: 1_500 }).map((n) => deep(n)),
);

const mutate = (payload: Json, path: (string | number)[], value: Json | undefined): Json => {
  if (path.length === 0) return value === undefined ? {} : value;
  const copy = structuredClone(payload);
  let node = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path.at(-1) as string | number;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
};

/** A real example with one to three fields removed, retyped, nulled, bloated or deepened. */
const brokenDelivery = fc
  .record({
    seed: fc.nat({ max: SEEDS.length - 1 }),
    mutations: fc.array(fc.record({ at: fc.nat(), value: replacement }), { minLength: 1, maxLength: 3 }),
  })
  .map(({ seed, mutations }) => {
    const { name, payload } = SEEDS[seed] as (typeof SEEDS)[number];
    let broken = payload;
    for (const { at, value } of mutations) {
      const paths = pathsOf(broken);
      broken = mutate(broken, paths[at % paths.length] ?? [], value);
    }
    return { name, payload: broken };
  });

/** Hand-picked hostile values where they land in the ledger: logins, labels, bodies, URLs. */
const targeted = (): { name: string; payload: Json }[] => {
  const at = (name: string, action: string | undefined, change: (payload: Record<string, any>) => void) => {
    const payload = retarget(example(name, action), REPO);
    change(payload);
    return { name, payload: payload as Json };
  };
  return [
    at("pull_request_review", "submitted", (p) => {
      p.review.user.login = "nul\u0000inside";
      p.sender.login = "nul\u0000inside";
    }),
    at("pull_request_review", "submitted", (p) => {
      p.review.html_url = "x".repeat(200_000);
    }),
    at("issues", "labeled", (p) => {
      p.label.name = "\u0000";
      p.sender.login = "\u202Eevil\u202C";
    }),
    at("issue_comment", "created", (p) => {
      p.comment.body = `/gluework opt-out \u0000${"y".repeat(100_000)}`;
      p.comment.user.login = "👩‍👩‍👧‍👦";
    }),
    at("push", undefined, (p) => {
      p.commits = [{ ...p.commits?.[0], id: "\u0000", added: [deep(1_000)], modified: null, removed: [] }];
    }),
  ];
};

describe("malformed and hostile payloads", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    registerMonth(stack.double, REPO);
  });
  afterAll(async () => {
    expect(await stack?.stop()).toEqual([0]);
  });

  it("answers every mutated real delivery, keeps serving and leaves no partial rows", async () => {
    let count = 0;
    const answered: { id: string; status: number }[] = [];
    await fc.assert(
      fc.asyncProperty(brokenDelivery, async ({ name, payload }) => {
        count += 1;
        const id = `fuzz-${count}`;
        const answer = await deliver(stack.server.url, stack.credentials.webhookSecret, {
          id,
          name,
          payload,
        });
        answered.push({ id, status: answer.status });
        expect(answer.status).toBeGreaterThanOrEqual(200);
        expect(answer.status).toBeLessThan(600);
        // Never the 202 that means "still processing": a delivery is done or failed.
        expect(answer.status).not.toBe(202);
        // A payload Gluework cannot read or store is logged and skipped (2xx): redelivering it
        // never helps. That includes bodies that are not objects and ids Probot cannot route.
        expect(answer.status).toBe(200);
        expect(stack.server.child.exitCode).toBeNull();
      }),
      {
        numRuns: 150,
        seed: Number(process.env.FUZZ_SEED ?? 20261121),
        endOnFailure: true,
        examples: targeted().map((delivery) => [delivery]),
      },
    );
    expect((await fetch(`${stack.server.url}/ping`)).status).toBe(200);

    // A delivery that failed left nothing behind.
    const recorded = new Set(
      (await stack.sql`select delivery_id from deliveries`).map((row) => row.delivery_id as string),
    );
    const failedButKept = answered.filter((a) => a.status >= 300 && recorded.has(a.id));
    expect(failedButKept).toEqual([]);
    // Whatever was stored is well-formed: known rules and categories, an installation, a link.
    const credits = await stack.sql`
      select c.rule, c.category, c.url, c.weight, i.installation_id as known
      from credits c left join installations i using (installation_id)
    `;
    for (const credit of credits) {
      expect(RULE_IDS).toContain(credit.rule);
      expect(CATEGORIES).toContain(credit.category);
      expect(credit.known).not.toBeNull();
      expect(credit.weight).toBeGreaterThanOrEqual(0);
    }

    // The server still does its real work afterwards.
    const story = pullRequestStory(REPO, MERGED_PR);
    for (const delivery of story) {
      expect((await deliver(stack.server.url, stack.credentials.webhookSecret, delivery)).status).toBe(200);
    }
    await settled(stack.sql, INSTALLATION);
    expect(ledgerLines(await report(INSTALLATION, stack.cliEnv()))).toContain(
      "octoreviewer review.submitted org-fuzz/widgets",
    );
    // A fuzzed payload may name a repository GitHub does not have; it may never reach another
    // installation's repository or a route the app should not call.
    const findings = stack.double.unexpected.filter((u) => !u.reason.startsWith("unknown repository"));
    expect(findings).toEqual([]);
  });
});
