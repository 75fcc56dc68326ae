import { z } from "zod";
import { type Config, configSchema, defaultConfig } from "./schema.js";

/**
 * One thing wrong with a config file, phrased for the person who has to fix it. A `note` is a
 * setting that is ignored where it is written; the rest of the config is still used.
 */
export type ConfigProblem = { field: string; problem: string; fix: string; note?: boolean };

export type ParsedConfig = { config: Config; problems: ConfigProblem[] };

const TYPE_NAMES: Record<string, string> = {
  object: "a mapping of keys to values (object)",
  array: "a list (array)",
  number: "a number",
  int: "a whole number",
  string: "a text value (string)",
  boolean: "true or false (boolean)",
};

const fixFor = (issue: z.core.$ZodIssue): string => {
  switch (issue.code) {
    case "unrecognized_keys":
      return `remove ${issue.keys.map((key) => `\`${key}\``).join(", ")}, or check the spelling against the JSON Schema`;
    case "invalid_type":
      return `write ${TYPE_NAMES[issue.expected] ?? `a value of type ${issue.expected}`}`;
    case "too_small":
      return issue.inclusive === false
        ? `use a value greater than ${String(issue.minimum)}`
        : `use a value of at least ${String(issue.minimum)}`;
    case "too_big":
      return issue.inclusive === false
        ? `use a value less than ${String(issue.maximum)}`
        : `use a value of at most ${String(issue.maximum)}`;
    case "invalid_format":
      return issue.message;
    default:
      return "see the configuration table in the README";
  }
};

const fieldName = (path: PropertyKey[]): string =>
  path.length === 0
    ? "(file)"
    : path
        .map((part, index) => {
          const key = String(part);
          if (typeof part === "number" || key.includes(".")) return `[${JSON.stringify(part)}]`;
          return index === 0 ? key : `.${key}`;
        })
        .join("");

/** Far more than any real config needs; a larger one is refused rather than read on every delivery. */
export const MAX_CONFIG_BYTES = 64 * 1024;

const sizeOf = (raw: unknown): number => {
  try {
    return Buffer.byteLength(JSON.stringify(raw) ?? "");
  } catch {
    return Number.POSITIVE_INFINITY;
  }
};

/**
 * Validates a config object as read from `.github/gluework.yml` (already merged with org
 * defaults). Invalid or oversized config is never used: the result is the defaults plus the problems.
 */
export const parseConfig = (raw: unknown): ParsedConfig => {
  const size = sizeOf(raw ?? {});
  if (size > MAX_CONFIG_BYTES) {
    return {
      config: defaultConfig(),
      problems: [
        {
          field: "(file)",
          problem: `the config is ${Math.round(size / 1024)} KB; Gluework reads at most ${MAX_CONFIG_BYTES / 1024} KB`,
          fix: "keep .github/gluework.yml small: list patterns and logins, not every file or person",
        },
      ],
    };
  }
  const input = raw === null || raw === undefined ? {} : raw;
  const { _extends: _ignored, ...rest } = (
    typeof input === "object" && !Array.isArray(input) ? input : { input }
  ) as Record<string, unknown>;
  const result = configSchema.safeParse(typeof input === "object" && !Array.isArray(input) ? rest : input);
  if (result.success) return { config: result.data, problems: [] };
  const problems = result.error.issues.map((issue) => ({
    field: fieldName(issue.path),
    problem: issue.message,
    fix: fixFor(issue),
  }));
  return { config: defaultConfig(), problems };
};

/** A config that could not be read at all (bad YAML, a file too large, an API error). */
export const unreadableConfig = (reason: string): ParsedConfig => ({
  config: defaultConfig(),
  problems: [{ field: "(file)", problem: reason, fix: "fix the YAML syntax of .github/gluework.yml" }],
});

export const configProblemsSchema = z.array(
  z.object({ field: z.string(), problem: z.string(), fix: z.string(), note: z.boolean().optional() }),
);

/**
 * The note for a repository whose own `.github/gluework.yml` sets `report.day` or
 * `report.repository`: only the organisation's config decides them, so here they change nothing.
 */
export const reportSettingsNote = (own: unknown): ConfigProblem | null => {
  const report = own && typeof own === "object" ? (own as { report?: unknown }).report : undefined;
  if (!report || typeof report !== "object") return null;
  const set = ["day", "repository"].filter((key) => key in report).map((key) => `report.${key}`);
  if (set.length === 0) return null;
  return {
    field: set.join(", "),
    problem:
      "set in this repository, this changes nothing: the monthly report's day and destination are read only from the organisation's `.github` repository (or the only repository the app is installed on)",
    fix: "move it to `.github/gluework.yml` in the organisation's `.github` repository, and remove it here",
    note: true,
  };
};
