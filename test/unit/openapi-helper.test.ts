import { describe, expect, it } from "vitest";
import { openApiProblems, openApiQueryProblems, openApiResponseProblems } from "../helpers/openapi.js";

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

  it("checks query strings and answers too", () => {
    const route = "GET /app/hook/deliveries";
    expect(openApiQueryProblems(route, new URLSearchParams("per_page=100&cursor=v1_12"))).toEqual([]);
    expect(openApiQueryProblems(route, new URLSearchParams("per_page=lots"))).not.toEqual([]);
    expect(openApiQueryProblems(route, new URLSearchParams("since=yesterday"))).toEqual([
      "query parameter since is not documented",
    ]);
    expect(openApiQueryProblems(route, new URLSearchParams("status=broken"))).not.toEqual([]);
    expect(openApiResponseProblems(route, 200, [])).toEqual([]);
    expect(openApiResponseProblems(route, 200, [{ id: 1 }])).not.toEqual([]);
  });
});
