import type { Layer } from "../../../src/github-double/start-github-double.js";
import { openApiProblems } from "../../helpers/openapi.js";

/** The OpenAPI operation of each write route: bodies GitHub would reject are answered 422. */
const WRITE_OPERATIONS: Record<string, string> = {
  "create-check-run": "POST /repos/{owner}/{repo}/check-runs",
  "update-check-run": "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}",
  "create-comment": "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
  "update-comment": "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}",
  "create-issue": "POST /repos/{owner}/{repo}/issues",
  "update-issue": "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
};

/** The GitHub double's validation plug-in: a write body GitHub's OpenAPI description rejects is a 422. */
export const openApiLayer: Layer = async (request, next) => {
  const operation = request.route === null ? undefined : WRITE_OPERATIONS[request.route];
  const problems = operation ? openApiProblems(operation, request.body) : [];
  if (problems.length === 0) return next();
  return {
    route: request.route,
    reply: { status: 422, body: { message: "Validation Failed", errors: problems } },
    reason: `GitHub would reject this body: ${problems.join("; ")}`,
  };
};
