import { z } from "zod";
import { renderCsv } from "../report/csv.js";
import { renderMarkdown } from "../report/markdown.js";
import { reportJson, summarize, withTeams } from "../report/summarize.js";
import type { Sql } from "../store/db.js";
import { queryLedgerSpan } from "../store/ledger-span.js";
import { queryCredits, queryCreditTeams } from "../store/query-credits.js";
import { findTeam, listTeams } from "../store/team-queries.js";
import { dateArgument } from "./dates.js";
import { UsageError } from "./errors.js";

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
    team: z
      .string()
      .regex(/^[\w.-]+$/, "--team must be a team's slug, as in its URL (github.com/orgs/ORG/teams/SLUG)")
      .optional(),
    since: dateArgument("start", "--since").optional(),
    until: dateArgument("end", "--until").optional(),
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

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Why a window has no credits: an installation or repository with none at all, or the window. */
export const emptyReason = async (sql: Sql, args: ReportArgs): Promise<string> => {
  const installation = await queryLedgerSpan(sql, args.installation);
  if (!installation)
    return `Installation ${args.installation} has no credits at all: check the id (it is in the app's installation settings URL), or import history with \`gluework backfill --installation ${args.installation}\`.`;
  if (args.repo) {
    const repo = await queryLedgerSpan(sql, args.installation, args.repo);
    if (!repo)
      return `Installation ${args.installation} has no credits in ${args.repo}: check the spelling, or import its history with \`gluework backfill --installation ${args.installation} --repo ${args.repo}\`.`;
    return `No credits in ${args.repo} from ${day(args.since)} to ${day(args.until)} (UTC); it has credits from ${day(repo.first)} to ${day(repo.last)}.`;
  }
  return `No credits for installation ${args.installation} from ${day(args.since)} to ${day(args.until)} (UTC); it has credits from ${day(installation.first)} to ${day(installation.last)}.`;
};

/**
 * `gluework report`: the ledger of a window, as JSON (a contract), Markdown or CSV.
 * An empty window says why: in the Markdown, or as `note` (for standard error) with JSON and CSV.
 */
export const reportCommand = async (sql: Sql, args: ReportArgs): Promise<string> =>
  (await reportWithNote(sql, args)).output;

export const reportWithNote = async (
  sql: Sql,
  args: ReportArgs,
): Promise<{ output: string; note: string | null }> => {
  const team = args.team ? await findTeam(sql, args.installation, args.team) : null;
  if (args.team && !team) {
    const known = (await listTeams(sql, args.installation)).map((t) => t.slug);
    throw new UsageError(
      `Installation ${args.installation} has no team called ${args.team}: ${
        known.length > 0
          ? `its teams are ${known.join(", ")}`
          : "no teams are stored yet (the server reads them from GitHub when installed and daily; the app needs the members: read permission)"
      }.`,
    );
  }
  const query = {
    installationId: args.installation,
    since: args.since,
    until: args.until,
    repo: args.repo,
    teamIds: team?.teamIds,
  };
  const rows = await queryCredits(sql, query);
  const report = summarize(rows, { installation: args.installation, since: args.since, until: args.until });
  const note =
    rows.length === 0
      ? team
        ? `No credits from members of team ${team.slug} (or the teams nested in it) while they were in it, from ${day(args.since)} to ${day(args.until)} (UTC).`
        : await emptyReason(sql, args)
      : null;
  switch (args.format) {
    case "json": {
      // The operator's view: every team, secret ones too.
      const teams = await queryCreditTeams(sql, query);
      const withSlugs = withTeams(report, (login) => (teams.get(login) ?? []).map((t) => t.slug));
      return { output: reportJson(withSlugs), note };
    }
    case "csv":
      return { output: renderCsv(report), note };
    case "markdown":
      return { output: renderMarkdown(report, note ?? undefined, team?.slug), note: null };
  }
};
