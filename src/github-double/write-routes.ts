import { invalid, json, notFound, page, type Reply } from "./reply.js";
import { checkRunJson, commentJson, issueJson } from "./rest-shapes.js";
import { field, isDeleted, nextId, type RouteInput, repoName, withRepo } from "./route-kit.js";
import { APP_SLUG, appBot, type CheckRun, type DoubleRepo } from "./state.js";

/** The routes the app writes through: check runs, comments, report issues. */

/** Keeps an item the app created and answers 201 with it as GitHub describes it. */
const created = <T>(items: T[], item: T, describe: (item: T) => unknown) => {
  items.push(item);
  return json(201, describe(item));
};

/**
 * An edit of the check run or comment `id` of the request's repository: 404 when it has none, 422
 * for a body GitHub would refuse (`problemOf`), else `apply`'s answer.
 */
const update = <T extends { id: number; repo: string }>(
  items: (input: RouteInput) => T[],
  problemOf: (body: unknown) => string | null,
  apply: (item: T, body: unknown) => Reply,
) =>
  withRepo((input, repo, [id = ""]) => {
    const item = items(input).find(
      (candidate) => candidate.id === Number(id) && candidate.repo === repoName(repo),
    );
    if (!item) return notFound();
    const problem = problemOf(input.body);
    return problem ? invalid(problem) : apply(item, input.body);
  });

/** A head sha that only a deleted PR had: GitHub no longer knows the commit. */
export const goneHead = (input: RouteInput, repo: DoubleRepo, sha: unknown) =>
  [...input.state.pulls.entries()].some(
    ([key, pull]) =>
      pull.deleted && pull.headSha === sha && key.startsWith(`${repoName(repo).toLowerCase()}#`),
  );

export const listCheckRuns = withRepo((input, repo, [ref = ""]) => {
  if (goneHead(input, repo, ref)) return notFound();
  const name = input.url.searchParams.get("check_name");
  const runs = input.state.checkRuns.filter(
    (run) => run.repo === repoName(repo) && run.head_sha === ref && (name === null || run.name === name),
  );
  return page(runs.map(checkRunJson), input.url, (items) => ({
    total_count: runs.length,
    check_runs: items,
  }));
});

export const checkRunFields = (body: unknown): string | null => {
  const status = field(body, "status");
  const conclusion = field(body, "conclusion");
  const output = field(body, "output") as { title?: unknown; summary?: unknown } | undefined;
  if (status !== undefined && !["queued", "in_progress", "completed"].includes(String(status)))
    return "status";
  if (status === "completed" && typeof conclusion !== "string")
    return "conclusion is required when completed";
  if (output && (typeof output.title !== "string" || typeof output.summary !== "string")) return "output";
  if (output && String(output.summary).length > 65_535) return "output.summary is too long";
  return null;
};

export const createCheckRun = withRepo((input, repo) => {
  const { body } = input;
  const name = field(body, "name");
  const headSha = field(body, "head_sha");
  if (typeof name !== "string" || name === "") return invalid("name is required");
  if (typeof headSha !== "string" || !/^[0-9a-f]{40}$/.test(headSha))
    return invalid("head_sha must be a sha");
  if (goneHead(input, repo, headSha)) return invalid("No commit found for SHA");
  const problem = checkRunFields(body);
  if (problem) return invalid(problem);
  const run: CheckRun = {
    id: nextId(input.state),
    repo: repoName(repo),
    name,
    head_sha: headSha,
    external_id: (field(body, "external_id") as string | undefined) ?? null,
    status: String(field(body, "status") ?? "queued"),
    conclusion: (field(body, "conclusion") as string | undefined) ?? null,
    output: (field(body, "output") as CheckRun["output"]) ?? null,
    app: { id: input.appId, slug: APP_SLUG },
    installationId: repo.installationId,
  };
  return created(input.state.checkRuns, run, checkRunJson);
});

export const updateCheckRun = update(
  (input) => input.state.checkRuns,
  checkRunFields,
  (run, body) => {
    const fields = body as Partial<CheckRun>;
    Object.assign(run, {
      ...(fields.status ? { status: fields.status } : {}),
      ...(fields.conclusion ? { conclusion: fields.conclusion } : {}),
      ...(fields.output ? { output: fields.output } : {}),
    });
    return json(200, checkRunJson(run));
  },
);

export const listComments = withRepo((input, repo, [number = ""]) => {
  if (isDeleted(input, repo, Number(number))) return notFound();
  const comments = input.state.comments.filter(
    (c) => c.repo === repoName(repo) && c.issue_number === Number(number),
  );
  return page(comments.map(commentJson), input.url);
});

export const validBody = (body: unknown): string | null => {
  const text = field(body, "body");
  if (typeof text !== "string" || text === "") return "body is required";
  return text.length > 65_536 ? "body is too long (maximum is 65536 characters)" : null;
};

export const createComment = withRepo((input, repo, [number = ""]) => {
  if (isDeleted(input, repo, Number(number))) return notFound();
  const problem = validBody(input.body);
  if (problem) return invalid(problem);
  const comment = {
    id: nextId(input.state),
    repo: repoName(repo),
    issue_number: Number(number),
    body: String(field(input.body, "body")),
    user: appBot,
    installationId: repo.installationId,
  };
  return created(input.state.comments, comment, commentJson);
});

export const updateComment = update(
  (input) => input.state.comments,
  validBody,
  (comment, body) => {
    comment.body = String(field(body, "body"));
    return json(200, commentJson(comment));
  },
);

export const listIssues = withRepo((input, repo) => {
  const labels = (input.url.searchParams.get("labels") ?? "").split(",").filter(Boolean);
  const state = input.url.searchParams.get("state") ?? "open";
  const issues = input.state.issues.filter(
    (issue) =>
      issue.repo === repoName(repo) &&
      labels.every((label) => issue.labels.includes(label)) &&
      (state === "all" || issue.state === state),
  );
  return page(issues.map(issueJson), input.url);
});

export const createIssue = withRepo((input, repo) => {
  const title = field(input.body, "title");
  if (typeof title !== "string" || title === "") return invalid("title is required");
  const body = field(input.body, "body");
  if (typeof body === "string" && body.length > 65_536) return invalid("body is too long");
  const labels = field(input.body, "labels");
  const issue = {
    number: 1000 + input.state.issues.filter((i) => i.repo === repoName(repo)).length + 1,
    repo: repoName(repo),
    title,
    body: typeof body === "string" ? body : "",
    labels: Array.isArray(labels) ? labels.map(String) : [],
    state: "open" as const,
    user: appBot,
    installationId: repo.installationId,
  };
  return created(input.state.issues, issue, issueJson);
});

export const updateIssue = withRepo((input, repo, [number = ""]) => {
  const issue = input.state.issues.find((i) => i.repo === repoName(repo) && i.number === Number(number));
  if (!issue) return notFound();
  const title = field(input.body, "title");
  const body = field(input.body, "body");
  if (typeof body === "string" && body.length > 65_536) return invalid("body is too long");
  if (typeof title === "string") issue.title = title;
  if (typeof body === "string") issue.body = body;
  return json(200, issueJson(issue));
});
