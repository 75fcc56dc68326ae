import { type Logger, pino } from "pino";

/** Paths that may hold a secret in a logged object; pino replaces them before writing. */
const REDACT = [
  "token",
  "*.token",
  "privateKey",
  "*.privateKey",
  "secret",
  "*.secret",
  "headers.authorization",
  "*.headers.authorization",
  "request.headers.authorization",
  "err.request.headers.authorization",
  "err.response.headers.authorization",
];

/** The process logger: JSON lines at LOG_LEVEL (default info), secrets redacted. */
export const createLogger = (level = process.env.LOG_LEVEL ?? "info"): Logger =>
  pino({ name: "gluework", level, redact: { paths: REDACT, censor: "[redacted]" } });
