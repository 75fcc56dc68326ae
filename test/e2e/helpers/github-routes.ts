import { randomBytes } from "node:crypto";
import {
  type CheckRun,
  checkRunJson,
  commentJson,
  type DoubleRepo,
  fileJson,
  findRepo,
  type GitHubState,
  installations,
  issueJson,
  pullJson,
  pullKey,
  repoJson,
} from "./github-state.js";

export type Reply = { status: number; body: unknown; headers?: Record<string, string>; raw?: string };

/** Why a request was not what the app should ever send; it is answered as GitHub would. */
export type Unexpected = { reason: string; reply: Reply };

export type RouteInput = {
  state: GitHubState;
  method: string;
  path: string;
  url: URL;
  body: unknown;
  /** The installation whose token authorised the request (null: none or unknown). */
  installationId: number | null;
  /** The app id of a verified app JWT (null: none). */
  appJwt: number | null;
  appId: number;
};

type Handler = (input: RouteInput, params: string[]) => Reply | Unexpected;

export const isUnexpected = (answer: Reply | Unexpected): answer is Unexpected => "reason" in answer;

const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});

const notFound = (): Reply =>
  json(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" });

const invalid = (message: string): Reply =>
  json(422, { message: "Validation Failed", errors: [{ message }], status: "422" });

/** One page of a list, with the `Link` header GitHub sends when more pages follow. */
const page = (items: unknown[], url: URL, wrap?: (items: unknown[]) => unknown): Reply => {
  const perPage = Math.min(Math.max(Number(url.searchParams.get("per_page") ?? 30) || 30, 1), 100);
  const current = Math.max(Number(url.searchParams.get("page") ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const linkTo = (n: number) => {
    const target = new URL(url);
    target.searchParams.set("page", String(n));
    return target.toString();
  };
  const links =
    current < last ? [`<${linkTo(current + 1)}>; rel="next"`, `<${linkTo(last)}>; rel="last"`] : [];
  const slice = items.slice((current - 1) * perPage, current * perPage);
  return json(200, wrap ? wrap(slice) : slice, links.length > 0 ? { link: links.join(", ") } : undefined);
};

/**
 * The repository a request names, if the requesting installation may see it. A repository of
 * another installation is a 404 on GitHub, and here also a finding: the app must never try.
 */
const repoFor = (input: RouteInput, owner: string, name: string): DoubleRepo | Unexpected => {
  const repo = findRepo(input.state, owner, name);
  if (!repo) return { reason: `unknown repository ${owner}/${name}`, reply: notFound() };
  if (input.installationId === null) {
    return {
      reason: "repository request without an installation token",
      reply: json(401, { message: "Requires authentication" }),
    };
  }
  if (repo.installationId !== input.installationId) {
    return {
      reason: `installation ${input.installationId} reached into ${owner}/${name} of installation ${repo.installationId}`,
      reply: notFound(),
    };
  }
  return repo;
};

const withRepo =
  (handler: (input: RouteInput, repo: DoubleRepo, params: string[]) => Reply | Unexpected): Handler =>
  (input, [owner = "", name = "", ...rest]) => {
    const repo = repoFor(input, owner, name);
    return "reason" in repo ? repo : handler(input, repo, rest);
  };

const repoName = (repo: DoubleRepo) => `${repo.owner}/${repo.name}`;

const livePull = (input: RouteInput, repo: DoubleRepo, number: string) => {
  const pull = input.state.pulls.get(pullKey(repoName(repo), Number(number)));
  return pull && !pull.deleted ? pull : null;
};

const isDeleted = (input: RouteInput, repo: DoubleRepo, number: number) =>
  input.state.pulls.get(pullKey(repoName(repo), number))?.deleted === true;

const field = (body: unknown, name: string): unknown =>
  body && typeof body === "object" ? (body as Record<string, unknown>)[name] : undefined;

const nextId = (state: GitHubState) => {
  state.nextId += 1;
  return state.nextId;
};

const accessToken: Handler = (input, [id = ""]) => {
  if (input.appJwt !== input.appId) {
    return {
      reason: "access token asked for without a valid app JWT",
      reply: json(401, { message: "A JSON web token could not be decoded" }),
    };
  }
  const installationId = Number(id);
  if (!installations(input.state).has(installationId)) {
    return { reason: `access token for unknown installation ${id}`, reply: notFound() };
  }
  const token = `ghs_${randomBytes(18).toString("hex")}`;
  input.state.tokens.set(token, installationId);
  return json(201, {
    token,
    expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    permissions: { checks: "write", contents: "read", issues: "write", pull_requests: "write" },
    repository_selection: "selected",
  });
};

const installationRepos: Handler = (input) => {
  if (input.installationId === null) {
    return {
      reason: "installation repositories without a token",
      reply: json(401, { message: "Requires authentication" }),
    };
  }
  const repos = [...input.state.repos.values()].filter(
    (repo) => repo.installationId === input.installationId,
  );
  return page(repos.map(repoJson), input.url, (items) => ({
    total_count: repos.length,
    repositories: items,
  }));
};

const contents: Handler = (input, [owner = "", name = "", path = ""]) => {
  // Probot's config plugin also looks in `<owner>/.github`, which need not exist.
  if (name === ".github" && !findRepo(input.state, owner, name)) return notFound();
  const repo = repoFor(input, owner, name);
  if ("reason" in repo) return repo;
  if (path !== ".github/gluework.yml" || repo.config === undefined) return notFound();
  return {
    status: 200,
    body: null,
    raw: repo.config,
    headers: { "content-type": "application/vnd.github.raw; charset=utf-8" },
  };
};

const pullFiles = withRepo((input, repo, [number = ""]) => {
  const pull = livePull(input, repo, number);
  return pull
    ? page(
        pull.files.map((file, index) => fileJson(repoName(repo), file, index)),
        input.url,
      )
    : notFound();
});

const pullGet = withRepo((input, repo, [number = ""]) => {
  const pull = livePull(input, repo, number);
  return pull ? json(200, pullJson(repoName(repo), pull)) : notFound();
});

const commitPulls = withRepo((input, repo, [sha = ""]) => {
  const pulls = input.state.commitPulls.get(`${repoName(repo).toLowerCase()}@${sha}`) ?? [];
  return page(
    pulls.map((pull) => ({
      number: pull.number,
      merged_at: pull.merged_at,
      state: pull.merged_at ? "closed" : "open",
    })),
    input.url,
  );
});

/** A head sha that only a deleted PR had: GitHub no longer knows the commit. */
const goneHead = (input: RouteInput, repo: DoubleRepo, sha: unknown) =>
  [...input.state.pulls.entries()].some(
    ([key, pull]) =>
      pull.deleted && pull.headSha === sha && key.startsWith(`${repoName(repo).toLowerCase()}#`),
  );

const listCheckRuns = withRepo((input, repo, [ref = ""]) => {
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

const checkRunFields = (body: unknown): string | null => {
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

const createCheckRun = withRepo((input, repo) => {
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
    app: { id: input.appId },
    installationId: repo.installationId,
  };
  input.state.checkRuns.push(run);
  return json(201, checkRunJson(run));
});

const updateCheckRun = withRepo((input, repo, [id = ""]) => {
  const run = input.state.checkRuns.find((r) => r.id === Number(id) && r.repo === repoName(repo));
  if (!run) return notFound();
  const problem = checkRunFields(input.body);
  if (problem) return invalid(problem);
  const body = input.body as Partial<CheckRun>;
  Object.assign(run, {
    ...(body.status ? { status: body.status } : {}),
    ...(body.conclusion ? { conclusion: body.conclusion } : {}),
    ...(body.output ? { output: body.output } : {}),
  });
  return json(200, checkRunJson(run));
});

const listComments = withRepo((input, repo, [number = ""]) => {
  if (isDeleted(input, repo, Number(number))) return notFound();
  const comments = input.state.comments.filter(
    (c) => c.repo === repoName(repo) && c.issue_number === Number(number),
  );
  return page(comments.map(commentJson), input.url);
});

const validBody = (body: unknown): string | null => {
  const text = field(body, "body");
  if (typeof text !== "string" || text === "") return "body is required";
  return text.length > 65_536 ? "body is too long (maximum is 65536 characters)" : null;
};

const createComment = withRepo((input, repo, [number = ""]) => {
  if (isDeleted(input, repo, Number(number))) return notFound();
  const problem = validBody(input.body);
  if (problem) return invalid(problem);
  const comment = {
    id: nextId(input.state),
    repo: repoName(repo),
    issue_number: Number(number),
    body: String(field(input.body, "body")),
    user: { login: "gluework[bot]", type: "Bot" as const },
    installationId: repo.installationId,
  };
  input.state.comments.push(comment);
  return json(201, commentJson(comment));
});

const updateComment = withRepo((input, repo, [id = ""]) => {
  const comment = input.state.comments.find((c) => c.id === Number(id) && c.repo === repoName(repo));
  if (!comment) return notFound();
  const problem = validBody(input.body);
  if (problem) return invalid(problem);
  comment.body = String(field(input.body, "body"));
  return json(200, commentJson(comment));
});

const listIssues = withRepo((input, repo) => {
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

const createIssue = withRepo((input, repo) => {
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
    installationId: repo.installationId,
  };
  input.state.issues.push(issue);
  return json(201, issueJson(issue));
});

const updateIssue = withRepo((input, repo, [number = ""]) => {
  const issue = input.state.issues.find((i) => i.repo === repoName(repo) && i.number === Number(number));
  if (!issue) return notFound();
  const title = field(input.body, "title");
  const body = field(input.body, "body");
  if (typeof body === "string" && body.length > 65_536) return invalid("body is too long");
  if (typeof title === "string") issue.title = title;
  if (typeof body === "string") issue.body = body;
  return json(200, issueJson(issue));
});

const SEGMENT = "([^/]+)";
const REPO = `/repos/${SEGMENT}/${SEGMENT}`;

/** Every route the app may call, by method and path (after the `/api/v3` prefix). */
export const ROUTES: { method: string; pattern: RegExp; name: string; handler: Handler }[] = [
  {
    method: "POST",
    pattern: /^\/app\/installations\/(\d+)\/access_tokens$/,
    name: "access-token",
    handler: accessToken,
  },
  {
    method: "GET",
    pattern: /^\/installation\/repositories$/,
    name: "installation-repos",
    handler: installationRepos,
  },
  { method: "GET", pattern: new RegExp(`^${REPO}/contents/(.+)$`), name: "contents", handler: contents },
  {
    method: "GET",
    pattern: new RegExp(`^${REPO}/pulls/(\\d+)/files$`),
    name: "pull-files",
    handler: pullFiles,
  },
  { method: "GET", pattern: new RegExp(`^${REPO}/pulls/(\\d+)$`), name: "pull", handler: pullGet },
  {
    method: "GET",
    pattern: new RegExp(`^${REPO}/commits/${SEGMENT}/pulls$`),
    name: "commit-pulls",
    handler: commitPulls,
  },
  {
    method: "GET",
    pattern: new RegExp(`^${REPO}/commits/${SEGMENT}/check-runs$`),
    name: "list-check-runs",
    handler: listCheckRuns,
  },
  {
    method: "POST",
    pattern: new RegExp(`^${REPO}/check-runs$`),
    name: "create-check-run",
    handler: createCheckRun,
  },
  {
    method: "PATCH",
    pattern: new RegExp(`^${REPO}/check-runs/(\\d+)$`),
    name: "update-check-run",
    handler: updateCheckRun,
  },
  {
    method: "GET",
    pattern: new RegExp(`^${REPO}/issues/(\\d+)/comments$`),
    name: "list-comments",
    handler: listComments,
  },
  {
    method: "POST",
    pattern: new RegExp(`^${REPO}/issues/(\\d+)/comments$`),
    name: "create-comment",
    handler: createComment,
  },
  {
    method: "PATCH",
    pattern: new RegExp(`^${REPO}/issues/comments/(\\d+)$`),
    name: "update-comment",
    handler: updateComment,
  },
  { method: "GET", pattern: new RegExp(`^${REPO}/issues$`), name: "list-issues", handler: listIssues },
  { method: "POST", pattern: new RegExp(`^${REPO}/issues$`), name: "create-issue", handler: createIssue },
  {
    method: "PATCH",
    pattern: new RegExp(`^${REPO}/issues/(\\d+)$`),
    name: "update-issue",
    handler: updateIssue,
  },
];
