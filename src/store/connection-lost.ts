/** postgres.js's own codes for a connection that failed, closed or never opened. */
const CLIENT_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
]);

/**
 * Whether `error` says the connection was lost or refused, rather than that a statement failed:
 * the work never reached the store (or its end is unknown), and trying again on a new connection
 * may succeed. PostgreSQL's classes 08 (connection exception) and 57P (the server shutting down
 * or a connection terminated), and a database not accepting connections (55000) count.
 */
export const isConnectionLost = (error: unknown): boolean => {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code !== "string") return false;
  if (CLIENT_CODES.has(code) || code.startsWith("08") || code.startsWith("57P")) return true;
  return code === "55000" && typeof message === "string" && message.includes("accepting connections");
};
