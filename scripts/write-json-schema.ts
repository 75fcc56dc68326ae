import { writeFile } from "node:fs/promises";
import { configJsonSchema } from "../src/config/json-schema.js";

await writeFile(
  new URL("../schema/gluework.schema.json", import.meta.url),
  `${JSON.stringify(configJsonSchema(), null, 2)}\n`,
);
