import { ZodError } from "zod";

/** A mistake in how the command was called: exit code 2 and a message saying what to write. */
export class UsageError extends Error {}

export const usageErrorFrom = (error: ZodError): UsageError =>
  new UsageError(error.issues.map((issue) => issue.message).join("\n"));

/** Turns whatever went wrong into one line for a person at a terminal. */
export const describeFailure = (error: unknown): string => {
  if (error instanceof ZodError) return usageErrorFrom(error).message;
  const code = (error as { code?: string }).code;
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "CONNECT_TIMEOUT") {
    return `cannot reach the database (${code}): check DATABASE_URL, or unset it to use the embedded store`;
  }
  if (code === "3D000") return "the database in DATABASE_URL does not exist: create it, or fix the URL";
  return error instanceof Error ? error.message : String(error);
};
