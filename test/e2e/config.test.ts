import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ledgerLines, report } from "./helpers/cli.js";
import { deliverAll } from "./helpers/deliver.js";
import { expectedLedger, headOf, MERGED_PR, monthOf, registerMonth, repoOf } from "./helpers/scenario.js";
import { type Stack, settled, startStack } from "./helpers/stack.js";

/** A valid-looking config of about 10 MB: half a million excluded logins. */
const hugeConfig = (): string =>
  `exclude:\n  logins:\n${Array.from({ length: 550_000 }, (_, i) => `    - someone-${i}`).join("\n")}\n`;

const HOSTILE: { name: string; yaml: () => string; field: RegExp }[] = [
  {
    name: "a !!js/function tag",
    yaml: () => 'weights:\n  review.submitted: !!js/function "function () { return 1000 }"\n',
    field: /weights\[?"?review\.submitted/,
  },
  {
    name: "wrong types",
    yaml: () => "credit_comment: yes-please\nunblocking:\n  wait_hours: soon\nexclude: octoreviewer\n",
    field: /credit_comment/,
  },
  { name: "a 10 MB file", yaml: hugeConfig, field: /\(file\)/ },
  { name: "broken YAML", yaml: () => "weights: [unclosed\n  - : :\n", field: /\(file\)/ },
];

const CASES = HOSTILE.map((hostile, index) => ({
  ...hostile,
  installationId: 701 + index,
  repo: { ...repoOf(701 + index, 9701 + index, `org-cfg${index}`, "widgets"), config: hostile.yaml() },
}));

describe("hostile .github/gluework.yml", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    // Every repository gets its month at once; each case then checks its own.
    for (const { repo } of CASES) registerMonth(stack.double, repo);
    const answers = await Promise.all(
      CASES.map(({ repo }) =>
        deliverAll(stack.server.url, stack.credentials.webhookSecret, monthOf(repo), 1),
      ),
    );
    expect(answers.flat().filter((answer) => answer.status !== 200)).toEqual([]);
    await settled(stack.sql);
  });
  afterAll(async () => {
    expect(await stack?.stop()).toEqual([0]);
  });
  afterEach(() => {
    expect(stack.double.unexpected).toEqual([]);
  });

  it.each(CASES)(
    "runs on the defaults and says what is wrong in the check run: $name",
    async ({ repo, installationId, field }) => {
      // The defaults: the same ledger as with no config at all, the credit comment still posted.
      expect(ledgerLines(await report(installationId, stack.cliEnv()))).toEqual(expectedLedger(repo));
      const name = `${repo.owner}/${repo.name}`;
      expect(
        stack.double.comments(name, MERGED_PR).filter((c) => c.body.includes("gluework:credit")),
      ).toHaveLength(1);
      const run = stack.double.checkRuns(name).find((r) => r.head_sha === headOf(MERGED_PR));
      expect(run?.conclusion).toBe("neutral");
      expect(run?.output?.summary).toContain("`.github/gluework.yml` has problems");
      expect(run?.output?.summary).toMatch(field);
      expect(run?.output?.summary?.length ?? 0).toBeLessThan(65_536);
      expect(stack.server.logs()).toContain("config invalid, using defaults");
      expect(stack.server.child.exitCode).toBeNull();
    },
  );
});
