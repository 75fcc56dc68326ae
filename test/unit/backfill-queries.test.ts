import { describe, expect, it } from "vitest";
import {
  ALL_FOLLOW_UP_KINDS,
  buildFollowUpQuery,
  FOLLOW_UPS_PER_QUERY,
} from "../../src/backfill/follow-up-query.js";
import { PAGE_QUERIES } from "../../src/backfill/queries.js";
import { schemaProblems as problems } from "../helpers/github-schema.js";

describe("backfill GraphQL queries against GitHub's published schema", () => {
  it.each(Object.entries(PAGE_QUERIES))("the %s page query is valid", (_name, document) => {
    expect(problems(document)).toEqual([]);
  });

  it("asks every page query for its rate-limit cost", () => {
    for (const document of Object.values(PAGE_QUERIES)) {
      expect(document).toMatch(/rateLimit \{ cost remaining resetAt \}/);
    }
  });

  it("builds a valid follow-up for every nested connection, alone and batched", () => {
    for (const kind of ALL_FOLLOW_UP_KINDS) {
      const { document } = buildFollowUpQuery([{ ...kind, nodeId: "N_1", after: "Y3Vyc29y" }]);
      expect(problems(document), `${kind.type}.${kind.field}`).toEqual([]);
    }
    const batch = Array.from({ length: FOLLOW_UPS_PER_QUERY }, (_, index) => ({
      ...ALL_FOLLOW_UP_KINDS[index % ALL_FOLLOW_UP_KINDS.length]!,
      nodeId: `N_${index}`,
      after: `cursor-${index}`,
    }));
    const { document, variables } = buildFollowUpQuery(batch);
    expect(problems(document)).toEqual([]);
    expect(variables).toMatchObject({ id0: "N_0", after0: "cursor-0" });
    expect(document).toMatch(/rateLimit \{ cost remaining resetAt \}/);
  });

  it("reports a query the schema rejects (the check can fail)", () => {
    const broken = PAGE_QUERIES.pull_requests.replace("headRefOid", "headSha");
    expect(problems(broken).join("\n")).toMatch(/Cannot query field "headSha" on type "PullRequest"/);
  });
});
