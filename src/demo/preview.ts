/**
 * The demo's preview: every output Gluework would post for the demo month, written as Markdown
 * files and shown together in one `index.html` (with a local copy of Mermaid, so it works offline).
 */
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pino } from "pino";
import { checkRunOutput } from "../publish/check-run-output.js";
import { portfolioReply } from "../publish/command-replies.js";
import { creditCommentBody } from "../publish/credit-comment-body.js";
import { publishMonthlyReport } from "../publish/publish-monthly-report.js";
import type { Report } from "../report/summarize.js";
import type { Sql } from "../store/db.js";
import { queryPersonCredits, queryPersonTeams } from "../store/person-credits.js";
import { queryBusiestPullRequests, queryPortfolioScope } from "../store/preview-subjects.js";
import { querySubjectCredits } from "../store/subject-credits.js";
import type { DemoMonth } from "./dataset.js";
import { type PreviewOutput, previewHtml } from "./preview-html.js";
import { withDemoGitHub } from "./run-demo.js";

const SIX_MONTHS_MS = 183 * 86_400_000;

/** The monthly issue, as `gluework publish --dry-run` would write it for the demo installation. */
const monthlyIssue = async (sql: Sql, month: DemoMonth): Promise<PreviewOutput> => {
  const period = month.since.toISOString().slice(0, 7);
  const results = await withDemoGitHub((github) =>
    publishMonthlyReport({
      sql,
      ...github,
      installationId: month.installationId,
      period,
      dryRun: true,
      log: pino({ level: "silent" }),
    }),
  );
  const [first] = results.filter((result) => result.write !== null);
  if (!first?.write) throw new Error(`the demo month ${period} gave no report issue to preview`);
  const { title, body } = first.write.params as { title: string; body: string };
  return { id: "monthly-report", kind: "Issue", title, where: first.destination, markdown: body };
};

/** The check run of the PR with the most people doing glue work, and the credit comment of the busiest merged one. */
const pullRequestOutputs = async (sql: Sql, month: DemoMonth): Promise<PreviewOutput[]> => {
  const busiest = await queryBusiestPullRequests(sql, month);
  const outputs: PreviewOutput[] = [];
  const [checked] = busiest;
  if (checked) {
    const credits = await querySubjectCredits(sql, { installationId: month.installationId, ...checked });
    const { title, summary } = checkRunOutput(credits);
    outputs.push({
      id: "check-run",
      kind: "Check run",
      title: `Glue work — ${title}`,
      where: checked.subjectKey,
      markdown: summary,
    });
  }
  const merged = busiest.find((pr) => pr.merged);
  if (merged) {
    const credits = await querySubjectCredits(sql, { installationId: month.installationId, ...merged });
    const body = creditCommentBody(credits);
    if (body)
      outputs.push({
        id: "credit-comment",
        kind: "Comment",
        title: "gluework commented",
        where: merged.subjectKey,
        markdown: body,
      });
  }
  return outputs;
};

/** The `/gluework portfolio` reply of the person with the most glue, asked in a public repository. */
const portfolio = async (sql: Sql, month: DemoMonth, report: Report): Promise<PreviewOutput | null> => {
  const [person] = report.contributors;
  if (!person) return null;
  const since = new Date(month.until.getTime() - SIX_MONTHS_MS);
  const scope = await queryPortfolioScope(sql, month.installationId, person.login);
  if (scope.actorId === null) return null;
  const query = {
    installationId: month.installationId,
    actorId: scope.actorId,
    since,
    shownRepoIds: scope.publicRepoIds,
  };
  const { items, leftOut } = await queryPersonCredits(sql, query);
  const teams = await queryPersonTeams(sql, query);
  const markdown = portfolioReply({
    commentId: 1,
    login: person.login,
    since: since.toISOString(),
    items,
    leftOut,
    now: month.until,
    teams,
  });
  return {
    id: "portfolio",
    kind: "Reply",
    title: `gluework replied to /gluework portfolio`,
    where: `${month.org}, asked by ${person.login}`,
    markdown,
  };
};

/**
 * Writes the preview of the demo month into `dir`: one Markdown file per output, `index.html`
 * and the `mermaid.min.js` it loads. Returns the path of `index.html`.
 */
export const writePreview = async (options: {
  sql: Sql;
  month: DemoMonth;
  report: Report;
  dir: string;
}): Promise<{ index: string; files: string[] }> => {
  const { sql, month, report } = options;
  const dir = resolve(options.dir);
  const outputs = [
    await monthlyIssue(sql, month),
    ...(await pullRequestOutputs(sql, month)),
    await portfolio(sql, month, report),
  ].filter((output): output is PreviewOutput => output !== null);
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const output of outputs) {
    const file = join(dir, `${output.id}.md`);
    await writeFile(file, `${output.markdown.trimEnd()}\n`);
    files.push(file);
  }
  const mermaid = createRequire(import.meta.url).resolve("mermaid/dist/mermaid.min.js");
  await copyFile(mermaid, join(dir, "mermaid.min.js"));
  const index = join(dir, "index.html");
  const monthName = month.since.toLocaleString("en", { month: "long", year: "numeric", timeZone: "UTC" });
  await writeFile(index, previewHtml(`Gluework preview: ${monthName} at ${month.org}`, outputs));
  return { index, files: [...files, index] };
};
