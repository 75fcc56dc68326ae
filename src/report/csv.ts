import { CATEGORIES, isGlue } from "../vocabulary/rules.js";
import type { Report } from "./summarize.js";

const cell = (value: string | number): string => {
  const text = String(value);
  return /[",\n\r]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

const GLUE_CATEGORIES = CATEGORIES.filter(isGlue);

/**
 * One row per contributor for spreadsheets: credits of glue and code, the weighted glue (`weights`
 * and `light_review_weight` from the config), then glue credits per category. Every column name is
 * distinct.
 */
export const renderCsv = (report: Report): string =>
  [
    ["login", "glue_credits", "code_credits", "weighted_glue", ...GLUE_CATEGORIES],
    ...report.contributors.map((person) => [
      person.login,
      person.glue,
      person.code,
      Math.round((person.weightedGlue ?? person.glue) * 100) / 100,
      ...GLUE_CATEGORIES.map((category) => person.categories[category] ?? 0),
    ]),
  ]
    .map((row) => row.map(cell).join(","))
    .join("\n")
    .concat("\n");
