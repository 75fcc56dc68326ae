import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { GraphqlDouble } from "./graphql-double.js";

/**
 * The double on a loopback port, as a GitHub API base URL: `POST /graphql` and the REST reads
 * backfill makes. Only 127.0.0.1; it answers until `close()`.
 */
export const serveGithubDouble = async (
  double: GraphqlDouble,
): Promise<{ url: string; close: () => Promise<void> }> => {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      const path = url.pathname.replace(/^\/api\/v3/, "");
      const answer =
        request.method === "POST" && (path === "/graphql" || path === "/api/graphql")
          ? double.graphql(JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"))
          : Promise.resolve(double.rest(path, url.searchParams));
      answer
        .then(({ status, body, headers }) => {
          response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
          response.end(JSON.stringify(body));
        })
        .catch((error: unknown) => {
          response.writeHead(500, { "content-type": "application/json" });
          response.end(JSON.stringify({ message: String(error) }));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
};
