import { z } from "zod";
import { findOwnItem, isAuthoredByApp } from "../../github/app-identity.js";
import { queryPersonCredits } from "../../store/person-credits.js";
import { optInReply, optOutReply, portfolioReply, replyMarker } from "../command-replies.js";
import { performWrite } from "../github-write.js";
import { ownerAndName } from "../repo-name.js";
import { listInstalledRepos } from "../report-destinations.js";
import { type JobContext, repoSettings } from "./job-context.js";

const replyJobSchema = z.object({
  command: z.enum(["portfolio", "opt-out", "opt-in"]),
  login: z.string(),
  /** The commenter's user id; jobs queued before ids were kept have none. */
  actorId: z.number().int().nullish(),
  repoId: z.number(),
  repo: z.string(),
  number: z.number(),
  commentId: z.number(),
});

const SIX_MONTHS_MS = 183 * 86_400_000;

/**
 * The portfolio of the commenter (by user id) as this repository may show it: its own credits
 * plus those in repositories that are public now (GitHub's answer at reply time), and how many
 * it left out. A job without the commenter's id shows nothing rather than guess by login.
 */
const portfolioOf = async (context: JobContext, job: z.output<typeof replyJobSchema>, since: Date) => {
  if (job.actorId === null || job.actorId === undefined) return { items: [], leftOut: 0 };
  const repos = await listInstalledRepos(context.octokit);
  const shownRepoIds = [job.repoId, ...repos.filter((repo) => !repo.private).map((repo) => repo.id)];
  return queryPersonCredits(context.sql, {
    installationId: context.installationId,
    actorId: job.actorId,
    since,
    shownRepoIds,
  });
};

/**
 * Outbox job `reply`: answer a `/gluework` command once, found again by its marker if retried —
 * only on a comment of the app's own (anyone can post a reply's marker).
 */
export const replyToCommand = async (context: JobContext, payload: unknown): Promise<void> => {
  const job = replyJobSchema.parse(payload);
  const { owner, repo } = ownerAndName(job.repo);
  const existing = await context.octokit.paginate(context.octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: job.number,
    per_page: 100,
  });
  const answered = await findOwnItem(
    existing,
    (comment) => comment.body?.includes(replyMarker(job.commentId)) ?? false,
    (identity, comment) => isAuthoredByApp(identity, comment.user),
    context.app,
  );
  if (answered) return;
  let body: string;
  if (job.command === "portfolio") {
    const since = new Date(Date.now() - SIX_MONTHS_MS);
    const { items, leftOut } = await portfolioOf(context, job, since);
    body = portfolioReply({
      commentId: job.commentId,
      login: job.login,
      since: since.toISOString(),
      items,
      leftOut,
    });
  } else {
    body =
      job.command === "opt-out"
        ? optOutReply(job.commentId, job.login)
        : optInReply(job.commentId, job.login);
  }
  const settings = await repoSettings(context, { id: job.repoId, fullName: job.repo });
  await performWrite(
    context.octokit,
    {
      route: "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
      params: { owner, repo, issue_number: job.number, body },
      purpose: `reply to /gluework ${job.command} on ${job.repo}#${job.number}`,
    },
    { dryRun: settings.dryRun, log: context.log },
  );
};
