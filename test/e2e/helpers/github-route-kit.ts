import { listPage } from "../../../src/demo/list-page.js";
import type { DoubleRepo, GitHubState } from "./github-state.js";
import { findRepo, pullKey } from "./github-state.js";

/** The pieces every route of the GitHub double is made of: answers, pages, repository scoping. */

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

export type Handler = (
  input: RouteInput,
  params: string[],
) => Reply | Unexpected | Promise<Reply | Unexpected>;

export const isUnexpected = (answer: Reply | Unexpected): answer is Unexpected => "reason" in answer;

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});

export const notFound = (): Reply =>
  json(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" });

export const invalid = (message: string): Reply =>
  json(422, { message: "Validation Failed", errors: [{ message }], status: "422" });

/** One page of a list, with the `Link` header GitHub sends when more pages follow. */
export const page = (items: unknown[], url: URL, wrap?: (items: unknown[]) => unknown): Reply => {
  const { items: shown, link } = listPage(items, url);
  return json(200, wrap ? wrap(shown) : shown, link ? { link } : undefined);
};

/**
 * The repository a request names, if the requesting installation may see it. A repository of
 * another installation is a 404 on GitHub, and here also a finding: the app must never try.
 */
export const repoFor = (input: RouteInput, owner: string, name: string): DoubleRepo | Unexpected => {
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
