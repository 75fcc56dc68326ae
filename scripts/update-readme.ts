import { readFile, writeFile } from "node:fs/promises";
import { fillReadme } from "./readme-sections.js";

const path = new URL("../README.md", import.meta.url);
await writeFile(path, fillReadme(await readFile(path, "utf8")));
