import { z } from "zod";
import { configSchema } from "./schema.js";

/** The JSON Schema of `.github/gluework.yml`, for editor completion and validation. */
export const configJsonSchema = (): Record<string, unknown> => {
  const schema = z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" });
  return {
    ...schema,
    properties: {
      _extends: {
        type: "string",
        description:
          "Inherit settings from another repository's file, e.g. `.github` or `my-org/.github:gluework.yml`.",
      },
      ...schema.properties,
    },
    $id: "https://github.com/gluework/gluework/schema/gluework.schema.json",
    title: "Gluework configuration (.github/gluework.yml)",
  };
};
