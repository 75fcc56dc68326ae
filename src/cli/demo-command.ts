import { runDemo } from "../demo/run-demo.js";
import { renderCsv } from "../report/csv.js";
import { renderMarkdown } from "../report/markdown.js";
import { reportJson } from "../report/summarize.js";
import type { Store } from "../store/open-store.js";

/**
 * `gluework demo`: replays the bundled month through the real app into the store, then
 * renders its report. Idempotent: running it again gives the same report.
 */
export const demoCommand = async (
  store: Store,
  format: "json" | "markdown" | "csv",
): Promise<{ output: string; hint: string }> => {
  const { report, month } = await runDemo({ sql: store.sql });
  const output =
    format === "json" ? reportJson(report) : format === "csv" ? renderCsv(report) : renderMarkdown(report);
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const hint =
    `\nReplayed ${month.deliveries.length} webhook deliveries for ${month.org} into the ${store.description}.\n` +
    `Query it yourself: npx gluework report --installation ${month.installationId} ` +
    `--since ${day(month.since)} --until ${day(month.until)} --format json\n`;
  return { output, hint };
};
