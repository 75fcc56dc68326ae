import { readFile, writeFile } from "node:fs/promises";
import { fillGenerated, GENERATED_FILES } from "./doc-sections.js";

for (const file of GENERATED_FILES) {
  const path = new URL(`../${file}`, import.meta.url);
  await writeFile(path, fillGenerated(await readFile(path, "utf8")));
}
