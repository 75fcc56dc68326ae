import { markdownTable } from "markdown-table";
import { configJsonSchema } from "../src/config/json-schema.js";
import { DEFAULT_PATHS, DEFAULT_WEIGHTS, PATH_KINDS } from "../src/config/schema.js";
import { RULES } from "../src/vocabulary/rules.js";

/** Documentation tables generated from the same data the classifier and config use. */

/** The files that hold generated tables, relative to the repository root. */
export const GENERATED_FILES = ["README.md", "docs/rules.md"] as const;

const code = (text: string) => `\`${text.replaceAll("|", "\\|")}\``;

export const rulesSection = (): string =>
  markdownTable([
    ["category", "rule", "credits", "default weight"],
    ...RULES.map((rule) => [
      rule.category,
      code(rule.id),
      rule.what.replaceAll("|", "\\|"),
      String(DEFAULT_WEIGHTS[rule.id]),
    ]),
  ]);

export const pathsSection = (): string =>
  markdownTable([
    ["kind (first match wins)", "default patterns"],
    ...PATH_KINDS.map((kind) => [kind, DEFAULT_PATHS[kind].map(code).join(" ")]),
    ["code", "everything else"],
  ]);

type JsonSchema = { description?: string; default?: unknown; properties?: Record<string, JsonSchema> };

const rows = (schema: JsonSchema, prefix: string): string[][] =>
  Object.entries(schema.properties ?? {}).flatMap(([key, child]) => {
    const name = `${prefix}${key}`;
    if (key === "weights") return [[code(name), "see the rule table", child.description ?? ""]];
    if (key === "paths")
      return [[code(`${name}.<kind>`), "see the path-kind table", child.description ?? ""]];
    if (child.properties) return rows(child, `${name}.`);
    const fallback = child.default === undefined ? "" : code(JSON.stringify(child.default));
    return [[code(name), fallback, child.description ?? ""]];
  });

export const configSection = (): string =>
  markdownTable([["key", "default", "meaning"], ...rows(configJsonSchema() as JsonSchema, "")]);

const SECTIONS: Record<string, () => string> = {
  rules: rulesSection,
  paths: pathsSection,
  config: configSection,
};

/** Replaces every `<!-- name:start -->…<!-- name:end -->` block with its generated content. */
export const fillGenerated = (document: string): string =>
  Object.entries(SECTIONS).reduce(
    (text, [name, render]) =>
      text.replace(
        new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`),
        (_all, start: string, end: string) => `${start}\n${render()}\n${end}`,
      ),
    document,
  );
