import { z } from "zod";
import { renderCsv } from "../report/csv.js";
import { renderMarkdown } from "../report/markdown.js";
import { summarize } from "../report/summarize.js";
import type { Sql } from "../store/db.js";
import { queryCredits } from "../store/query-credits.js";
import { dateArgument } from "./dates.js";

export const installationArgument = z.coerce
  .number({ message: "--installation must be the numeric installation id" })
  .int("--installation must be a whole number")
  .positive("--installation must be the numeric installation id (see the app's installation settings URL)");

export const reportArgs = z
  .object({
    installation: installationArgument,
    repo: z
      .string()
      .regex(/^[\w.-]+\/[\w.-]+$/, "--repo must be written as OWNER/NAME")
      .optional(),
    since: dateArgument("start").optional(),
    until: dateArgument("end").optional(),
    format: z
      .enum(["json", "markdown", "csv"], { message: "--format must be json, markdown or csv" })
      .default("markdown"),
  })
  .transform((args, ctx) => {
    // Without dates the report covers everything recorded up to now: the operator's full view.
    const until = args.until ?? new Date();
    const since = args.since ?? new Date(0);
    if (since > until) ctx.addIssue({ code: "custom", message: "--since must be before --until" });
    return { ...args, since, until };
  });

export type ReportArgs = z.output<typeof reportArgs>;

/** `gluework report`: the ledger of a window, as JSON (a contract), Markdown or CSV. */
export const reportCommand = async (sql: Sql, args: ReportArgs): Promise<string> => {
  const rows = await queryCredits(sql, {
    installationId: args.installation,
    since: args.since,
    until: args.until,
    repo: args.repo,
  });
  const report = summarize(rows, { installation: args.installation, since: args.since, until: args.until });
  switch (args.format) {
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
    case "csv":
      return renderCsv(report);
    case "markdown":
      return renderMarkdown(report);
  }
};
