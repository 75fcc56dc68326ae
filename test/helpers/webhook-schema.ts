import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);

type Spec = { components: { schemas: Record<string, unknown> } };

/** OpenAPI's `nullable` in JSON Schema terms: `null` becomes one more allowed type. */
const jsonSchemaOf = (schema: unknown): unknown => {
  if (Array.isArray(schema)) return schema.map(jsonSchemaOf);
  if (schema === null || typeof schema !== "object") return schema;
  const { nullable, ...rest } = schema as Record<string, unknown>;
  const converted = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [key, jsonSchemaOf(value)]),
  );
  if (nullable !== true) return converted;
  if (typeof converted.type === "string") return { ...converted, type: [converted.type, "null"] };
  return { anyOf: [converted, { type: "null" }] };
};

let ajv: Ajv | null = null;
const compiled = new Map<string, ValidateFunction>();

const load = (): Ajv => {
  if (ajv) return ajv;
  const spec = JSON.parse(
    readFileSync(require.resolve("@octokit/openapi-webhooks/generated/api.github.com.json"), "utf8"),
  ) as Spec;
  ajv = new Ajv({ strict: false, allErrors: true });
  (addFormats as unknown as (ajv: Ajv) => void)(ajv);
  ajv.addSchema({ $id: "webhooks", components: jsonSchemaOf(spec.components) }, "webhooks");
  return ajv;
};

/**
 * What GitHub's own webhook description (`@octokit/openapi-webhooks`) says is wrong with a test
 * payload of `event.action` (`sub_issues.sub_issue_added`); empty when GitHub could send it.
 */
export const webhookProblems = (eventAction: string, payload: unknown): string[] => {
  const name = `webhook-${eventAction.replaceAll(/[._]/g, "-")}`;
  let validate = compiled.get(name);
  if (!validate) {
    const validator = load();
    if (!validator.getSchema(`webhooks#/components/schemas/${name}`))
      return [`${eventAction} is not in GitHub's webhook description`];
    validate = validator.compile({ $ref: `webhooks#/components/schemas/${name}` });
    compiled.set(name, validate);
  }
  return validate(payload)
    ? []
    : (validate.errors ?? [])
        .slice(0, 10)
        .map((error) => `${error.instancePath || "(payload)"} ${error.message}`);
};
