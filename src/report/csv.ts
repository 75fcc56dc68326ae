import { CATEGORIES } from "../classify/rules.js";
import type { Report } from "./summarize.js";

const cell = (value: string | number): string => {
  const text = String(value);
  return /[",\n\r]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** One row per contributor with a column per category, for spreadsheets. */
export const renderCsv = (report: Report): string =>
  [
    ["login", "glue", "code", ...CATEGORIES],
    ...report.contributors.map((person) => [
      person.login,
      person.glue,
      person.code,
      ...CATEGORIES.map((category) => person.categories[category] ?? 0),
    ]),
  ]
    .map((row) => row.map(cell).join(","))
    .join("\n")
    .concat("\n");
