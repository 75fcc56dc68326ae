import { listPage } from "./list-page.js";

/** An answer of the GitHub double: a status, a JSON body (or `raw` text) and headers. */
export type Reply = { status: number; body: unknown; headers?: Record<string, string>; raw?: string };

/** Why a request was not what the app should ever send; it is answered as GitHub would. */
export type Unexpected = { reason: string; reply: Reply };

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

export const unauthenticated = (reason: string): Unexpected => ({
  reason,
  reply: json(401, { message: "Requires authentication" }),
});

/** One page of a list, with the `Link` header GitHub sends when more pages follow. */
export const page = (items: readonly unknown[], url: URL, wrap?: (items: unknown[]) => unknown): Reply => {
  const { items: shown, link } = listPage(items, url);
  return json(200, wrap ? wrap(shown) : shown, link ? { link } : undefined);
};

/** A file's content as GitHub sends it when asked for the raw media type (Probot's config reads). */
export const rawContent = (text: string): Reply => ({
  status: 200,
  body: null,
  raw: text,
  headers: { "content-type": "application/vnd.github.raw; charset=utf-8" },
});
