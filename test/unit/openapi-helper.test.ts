import { describe, expect, it } from "vitest";
import { openApiProblems } from "../helpers/openapi.js";

describe("the OpenAPI check used on request bodies", () => {
  it("accepts a body GitHub documents and rejects one it would not accept", () => {
    expect(
      openApiProblems("POST /repos/{owner}/{repo}/check-runs", { name: "Glue work", head_sha: "abc" }),
    ).toEqual([]);
    expect(openApiProblems("POST /repos/{owner}/{repo}/check-runs", { head_sha: "abc" })).not.toEqual([]);
    expect(
      openApiProblems("POST /repos/{owner}/{repo}/check-runs", {
        name: "x",
        head_sha: "a",
        conclusion: "fine",
      }),
    ).not.toEqual([]);
  });

  it("says when a route does not exist", () => {
    expect(openApiProblems("POST /repos/{owner}/{repo}/nonsense", {})).toEqual([
      "POST /repos/{owner}/{repo}/nonsense is not in GitHub's OpenAPI description",
    ]);
  });
});
