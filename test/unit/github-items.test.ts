import { describe, expect, it } from "vitest";
import {
  appJson,
  botUserJson,
  checkRunJson,
  issueCommentJson,
  issueJson,
  TEST_APP,
  userJson,
} from "../helpers/github-items.js";
import { openApiAnswerProblems } from "../helpers/openapi.js";

describe("the GitHub items tests answer with", () => {
  it("are answers GitHub's OpenAPI description allows", () => {
    expect(openApiAnswerProblems("GET /app", 200, appJson())).toEqual([]);
    expect(
      openApiAnswerProblems("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", 200, [
        issueCommentJson("acme/web", 1, { id: 1, body: "hi", user: botUserJson() }),
        issueCommentJson("acme/web", 1, { id: 2, body: "hi", user: userJson("mona", 5) }),
      ]),
    ).toEqual([]);
    expect(
      openApiAnswerProblems("GET /repos/{owner}/{repo}/issues", 200, [
        issueJson("acme/web", {
          number: 3,
          title: "t",
          body: "b",
          user: botUserJson(),
          labels: ["gluework"],
        }),
      ]),
    ).toEqual([]);
    expect(
      openApiAnswerProblems("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", 200, {
        total_count: 1,
        check_runs: [
          checkRunJson("acme/web", {
            id: 1,
            headSha: "a".repeat(40),
            name: "Glue work",
            externalId: "gluework",
            app: TEST_APP,
          }),
        ],
      }),
    ).toEqual([]);
  });

  it("and the checker finds an answer GitHub would not give", () => {
    const { slug: _slug, owner: _owner, ...partial } = appJson();
    expect(openApiAnswerProblems("GET /app", 200, { ...partial, id: "4242" })).not.toEqual([]);
  });
});
