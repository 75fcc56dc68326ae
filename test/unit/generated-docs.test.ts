import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { fillGenerated, GENERATED_FILES } from "../../scripts/doc-sections.js";
import { configJsonSchema } from "../../src/config/json-schema.js";

const read = (path: string) => readFile(new URL(`../../${path}`, import.meta.url), "utf8");

describe("documentation generated from the code", () => {
  it.each(GENERATED_FILES)(
    "%s's generated tables match the rule table and config schema (run `npm run docs`)",
    async (file) => {
      const text = await read(file);
      expect(text).toMatch(/<!-- (rules|config):start -->/);
      expect(fillGenerated(text)).toBe(text);
    },
  );

  it("the rule and path-kind tables live in docs/rules.md, the config table in the README", async () => {
    expect(await read("docs/rules.md")).toContain("<!-- paths:start -->");
    expect(await read("README.md")).toContain("<!-- config:start -->");
  });

  it("schema/gluework.schema.json matches the config schema (run `npm run docs`)", async () => {
    expect(JSON.parse(await read("schema/gluework.schema.json"))).toEqual(configJsonSchema());
  });

  it("the JSON Schema lists every rule's weight and the defaults", () => {
    const schema = configJsonSchema() as { properties: Record<string, any> };
    expect(schema.properties.weights.properties["review.design"].default).toBe(1.5);
    expect(schema.properties.unblocking.properties.wait_hours.default).toBe(48);
  });
});
