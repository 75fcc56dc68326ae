import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

type Content = { content?: Record<string, { schema?: object }> };
type Operation = { requestBody?: Content; responses?: Record<string, Content> };
type Spec = { paths: Record<string, Record<string, Operation>> };

const require = createRequire(import.meta.url);

let spec: Spec | null = null;
const loadSpec = (): Spec => {
  spec ??= JSON.parse(
    readFileSync(require.resolve("@octokit/openapi/generated/api.github.com.deref.json"), "utf8"),
  ) as Spec;
  return spec;
};

/** OpenAPI 3.0's `nullable` in JSON Schema terms: `null` becomes one more allowed type. */
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

const ajv = new Ajv({ strict: false, allErrors: true });
(addFormats as unknown as (ajv: Ajv) => void)(ajv);
const compiled = new Map<string, ValidateFunction>();

/**
 * Checks a request body Gluework sends against GitHub's official OpenAPI description of
 * `METHOD /route/{param}`; returns the problems (an empty list when GitHub would accept it).
 */
export const openApiProblems = (route: string, body: unknown): string[] => {
  const [method = "", path = ""] = route.split(" ");
  const operation = loadSpec().paths[path]?.[method.toLowerCase()];
  if (!operation) return [`${route} is not in GitHub's OpenAPI description`];
  const schema = operation.requestBody?.content?.["application/json"]?.schema;
  if (!schema) return [`${route} takes no JSON body`];
  let validate = compiled.get(route);
  if (!validate) {
    validate = ajv.compile(jsonSchemaOf(schema) as object);
    compiled.set(route, validate);
  }
  return validate(body)
    ? []
    : (validate.errors ?? []).map((error) => `${error.instancePath || "(body)"} ${error.message}`);
};

/**
 * Checks an answer a test's GitHub stand-in gives for `METHOD /route/{param}` against GitHub's
 * official OpenAPI description of that answer; returns the problems (empty when GitHub could
 * answer so).
 */
export const openApiAnswerProblems = (route: string, status: number, body: unknown): string[] => {
  const [method = "", path = ""] = route.split(" ");
  const operation = loadSpec().paths[path]?.[method.toLowerCase()];
  if (!operation) return [`${route} is not in GitHub's OpenAPI description`];
  const schema = operation.responses?.[String(status)]?.content?.["application/json"]?.schema;
  if (!schema) return [`${route} answers no JSON body with status ${status}`];
  const key = `${route} → ${status}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(jsonSchemaOf(schema) as object);
    compiled.set(key, validate);
  }
  return validate(body)
    ? []
    : (validate.errors ?? []).map((error) => `${error.instancePath || "(body)"} ${error.message}`);
};
