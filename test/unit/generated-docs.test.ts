import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { fillReadme } from "../../scripts/readme-sections.js";
import { configJsonSchema } from "../../src/config/json-schema.js";

const read = (path: string) => readFile(new URL(`../../${path}`, import.meta.url), "utf8");

describe("documentation generated from the code", () => {
  it("README's rule, path and config tables match the rule table and config schema (run `npm run docs`)", async () => {
    const readme = await read("README.md");
    expect(readme).toContain("<!-- rules:start -->");
    expect(fillReadme(readme)).toBe(readme);
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
