import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "pino";
import { type ApplicationFunction, createNodeMiddleware, type Probot } from "probot";
import type { HealthCheck } from "./health-check.js";
import { createWebhookGuard, type WebhookGuardOptions } from "./webhook-guard.js";

/** Where GitHub delivers webhooks (a contract). */
export const WEBHOOK_PATH = "/api/github/webhooks";

export type GlueworkServerOptions = {
  probot: Probot;
  app: ApplicationFunction;
  secret: string;
  health: HealthCheck;
  log: Logger;
} & Pick<WebhookGuardOptions, "maxBytes" | "maxBufferedBytes">;

const pathOf = (request: IncomingMessage): string => {
  try {
    return new URL(request.url ?? "/", "http://localhost").pathname.replace(/\/+$/, "") || "/";
  } catch {
    return "";
  }
};

const json = (response: ServerResponse, status: number, body: object): void => {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
};

/**
 * The HTTP server of `npm start`: `GET /ping`, `GET /healthz`, and the webhook path, where the
 * guard bounds, verifies and checks each delivery before Probot's middleware hands it to the app.
 */
export const createGlueworkServer = async ({
  probot,
  app,
  secret,
  health,
  log,
  ...limits
}: GlueworkServerOptions): Promise<Server> => {
  const middleware = await createNodeMiddleware(app, { probot, webhooksPath: WEBHOOK_PATH });
  const guard = createWebhookGuard({ secret, log: log.child({ name: "webhooks" }), ...limits });

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = pathOf(request);
    if (request.method === "GET" && path === "/ping") {
      response.writeHead(200, { "content-type": "text/plain" }).end("PONG");
      return;
    }
    if (request.method === "GET" && path === "/healthz") {
      const result = await health();
      json(
        response,
        result.ok ? 200 : 503,
        result.ok ? { status: "ok" } : { status: "unavailable", reason: result.reason },
      );
      return;
    }
    if (request.method === "POST" && path === WEBHOOK_PATH && (await guard(request, response))) return;
    if (await middleware(request, response)) return;
    if (!response.headersSent) response.writeHead(404).end();
  };

  return createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      log.error({ err: error, path: pathOf(request) }, "request failed");
      if (!response.headersSent) response.writeHead(500).end();
      else response.end();
    });
  });
};
