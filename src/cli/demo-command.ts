import { writePreview } from "../demo/preview.js";
import { runDemo } from "../demo/run-demo.js";
import { renderCsv } from "../report/csv.js";
import { renderMarkdown } from "../report/markdown.js";
import { reportJson } from "../report/summarize.js";
import type { Store } from "../store/open-store.js";

/**
 * `gluework demo`: replays the bundled month through the real app into the store, renders its
 * report, and writes the preview of every output into `previewDir`. Idempotent: running it again
 * gives the same report and preview.
 */
export const demoCommand = async (
  store: Store,
  format: "json" | "markdown" | "csv",
  previewDir: string,
): Promise<{ output: string; hint: string }> => {
  const { report, month } = await runDemo({ sql: store.sql });
  const preview = await writePreview({ sql: store.sql, month, report, dir: previewDir });
  const output =
    format === "json" ? reportJson(report) : format === "csv" ? renderCsv(report) : renderMarkdown(report);
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const hint =
    `\nReplayed ${month.deliveries.length} webhook deliveries for ${month.org} into the ${store.description}.\n` +
    `Query it yourself: npx gluework report --installation ${month.installationId} ` +
    `--since ${day(month.since)} --until ${day(month.until)} --format json\n` +
    `Preview of what Gluework would post (the monthly issue, a check run, a credit comment, a portfolio):\n` +
    `  open ${preview.index}\n` +
    `  (Markdown of each: ${preview.files.filter((file) => file.endsWith(".md")).join(", ")})\n`;
  return { output, hint };
};
