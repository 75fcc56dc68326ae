import { json, notFound, type Reply, type Unexpected, unauthenticated } from "./reply.js";
import { type DoubleRepo, findRepo, type GitHubState, pullKey } from "./state.js";

/** The pieces every route of the GitHub double is made of: its input, repository scoping, ids. */

export type RouteInput = {
  state: GitHubState;
  method: string;
  /** The path as the app would write it against api.github.com (no `/api/v3`). */
  path: string;
  url: URL;
  body: unknown;
  /** The installation whose token authorised the request (null: none or unknown). */
  installationId: number | null;
  /** The app id of an app JWT the double accepts (null: none). */
  appJwt: number | null;
  appId: number;
};

export type Handler = (
  input: RouteInput,
  params: string[],
) => Reply | Unexpected | Promise<Reply | Unexpected>;

/** A route: requests with `method` whose path matches `pattern` go to `handler` with its groups. */
export type Route = { method: string; pattern: RegExp; name: string; handler: Handler };

const SEGMENT = "([^/]+)";

/** A route's pattern under `/repos/{owner}/{repo}` (the two are its first groups). */
export const repoPattern = (rest = "") => new RegExp(`^/repos/${SEGMENT}/${SEGMENT}${rest}$`);

/**
 * The repository a request names, if the requesting installation may see it. A repository of
 * another installation is a 404 on GitHub, and here also a finding: the app must never try.
 */
export const repoFor = (input: RouteInput, owner: string, name: string): DoubleRepo | Unexpected => {
  const repo = findRepo(input.state, owner, name);
  if (!repo) return { reason: `unknown repository ${owner}/${name}`, reply: notFound() };
  if (input.installationId === null) {
    return unauthenticated("repository request without an installation token");
  }
  if (repo.installationId !== input.installationId) {
    return {
      reason: `installation ${input.installationId} reached into ${owner}/${name} of installation ${repo.installationId}`,
      reply: notFound(),
    };
  }
  return repo;
};

export const withRepo =
  (
    handler: (
      input: RouteInput,
      repo: DoubleRepo,
      params: string[],
    ) => Reply | Unexpected | Promise<Reply | Unexpected>,
  ): Handler =>
  (input, [owner = "", name = "", ...rest]) => {
    const repo = repoFor(input, owner, name);
    return "reason" in repo ? repo : handler(input, repo, rest);
  };

export const repoName = (repo: DoubleRepo) => `${repo.owner}/${repo.name}`;

export const livePull = (input: RouteInput, repo: DoubleRepo, number: string) => {
  const pull = input.state.pulls.get(pullKey(repoName(repo), Number(number)));
  return pull && !pull.deleted ? pull : null;
};

export const isDeleted = (input: RouteInput, repo: DoubleRepo, number: number) =>
  input.state.pulls.get(pullKey(repoName(repo), number))?.deleted === true;

export const field = (body: unknown, name: string): unknown =>
  body && typeof body === "object" ? (body as Record<string, unknown>)[name] : undefined;

export const nextId = (state: GitHubState) => {
  state.nextId += 1;
  return state.nextId;
};

/** Answers only an app JWT the double accepts: what GitHub asks of the app's own endpoints. */
export const asApp =
  (what: string, handler: Handler): Handler =>
  (input, params) =>
    input.appJwt === input.appId
      ? handler(input, params)
      : {
          reason: `${what} without a valid app JWT`,
          reply: json(401, { message: "A JSON web token could not be decoded" }),
        };
