import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { GlueworkApp } from "../app.js";
import type { HealthCheck } from "./health-check.js";
import { answer, createWebhookGuard, type WebhookGuardOptions } from "./webhook-guard.js";

/** Where GitHub delivers webhooks (a contract). */
export const WEBHOOK_PATH = "/api/github/webhooks";

export type GlueworkServerOptions = {
  app: Pick<GlueworkApp, "receive">;
  secret: string;
  health: HealthCheck;
  log: Logger;
} & Pick<WebhookGuardOptions, "maxBytes" | "maxBufferedBytes">;

/** The request's path without its query or trailing slashes; "" when it cannot be read. */
const pathOf = (request: IncomingMessage): string => {
  const url = request.url ?? "/";
  // The usual origin-form (`/api/github/webhooks`) is cut by hand; anything else goes through URL.
  if (url.startsWith("/") && !url.startsWith("//") && !url.includes("/.") && !/[%\\#]/.test(url)) {
    const end = url.indexOf("?");
    return (end === -1 ? url : url.slice(0, end)).replace(/\/+$/, "") || "/";
  }
  try {
    return new URL(url, "http://localhost").pathname.replace(/\/+$/, "") || "/";
  } catch {
    return "";
  }
};

/** The answer to a delivery once it is stored. */
const STORED = "ok\n";

const json = (response: ServerResponse, status: number, body: object): void => {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
};

/**
 * The HTTP server of `npm start`: `GET /ping`, `GET /healthz`, and the webhook path, where the
 * guard bounds, verifies and parses each delivery, and the app stores it before it is answered:
 * 200 once stored, 5xx (and GitHub redelivers) when it could not be.
 */
export const createGlueworkServer = ({
  app,
  secret,
  health,
  log,
  ...limits
}: GlueworkServerOptions): Server => {
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
    if (request.method === "POST" && path === WEBHOOK_PATH) {
      const event = await guard(request, response);
      if (!event) return;
      try {
        await app.receive(event);
      } catch (error) {
        log.error(
          { err: error, delivery: event.id, event: event.name },
          "delivery not stored; GitHub will redeliver it",
        );
        answer(response, 500, {
          error: "the delivery could not be stored; it will be taken when redelivered",
        });
        return;
      }
      // With its length given, the answer goes out as one write, not in chunked framing.
      response.writeHead(200, { "content-type": "text/plain", "content-length": STORED.length }).end(STORED);
      return;
    }
    response.writeHead(404).end();
  };

  return createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      log.error({ err: error, path: pathOf(request) }, "request failed");
      if (!response.headersSent) response.writeHead(500).end();
      else response.end();
    });
  });
};
