import { z } from "zod";
import { noteReplyAttempt } from "../../store/opt-outs.js";
import { queryPersonCredits } from "../../store/person-credits.js";
import { optInReply, optOutReply, portfolioReply, replyMarker } from "../command-replies.js";
import { performWrite } from "../github-write.js";
import { ownerAndName } from "../repo-name.js";
import { type JobContext, repoSettings } from "./job-context.js";

const replyJobSchema = z.object({
  command: z.enum(["portfolio", "opt-out", "opt-in"]),
  login: z.string(),
  repoId: z.number(),
  repo: z.string(),
  repoPrivate: z.boolean(),
  number: z.number(),
  commentId: z.number(),
});

const SIX_MONTHS_MS = 183 * 86_400_000;
/** How far before a noted attempt a reply it posted may be dated (GitHub's clock against ours). */
const CLOCK_SLACK_MS = 5 * 60_000;

/**
 * Whether the reply was already posted by an attempt whose answer was lost: only the comments
 * made since that attempt are read, never the whole thread.
 */
const alreadyPosted = async (context: JobContext, job: z.output<typeof replyJobSchema>, since: Date) => {
  const { owner, repo } = ownerAndName(job.repo);
  const recent = await context.octokit.paginate(context.octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: job.number,
    since: new Date(Math.max(0, since.getTime() - CLOCK_SLACK_MS)).toISOString(),
    per_page: 100,
  });
  return recent.some((comment) => comment.body?.includes(replyMarker(job.commentId)));
};

const replyBody = async (context: JobContext, job: z.output<typeof replyJobSchema>): Promise<string> => {
  if (job.command === "opt-out") return optOutReply(job.commentId, job.login);
  if (job.command === "opt-in") return optInReply(job.commentId, job.login);
  const since = new Date(Date.now() - SIX_MONTHS_MS);
  const items = await queryPersonCredits(context.sql, {
    installationId: context.installationId,
    login: job.login,
    since,
    includePrivate: job.repoPrivate,
  });
  // In a public repository, private repositories are left out without a trace, not even a count.
  return portfolioReply({
    commentId: job.commentId,
    login: job.login,
    since: since.toISOString(),
    items,
    privateLeftOut: !job.repoPrivate,
  });
};

/**
 * Outbox job `reply`: answer a person's latest `/gluework` command on an issue once. The first
 * attempt posts without reading the thread; a retry first looks for its own reply by marker
 * among the comments made since the earlier attempt.
 */
export const replyToCommand = async (context: JobContext, payload: unknown): Promise<void> => {
  const job = replyJobSchema.parse(payload);
  const settings = await repoSettings(context, { id: job.repoId, fullName: job.repo });
  const body = await replyBody(context, job);
  if (!settings.dryRun) {
    const earlier = await noteReplyAttempt(context.sql, context.installationId, job.commentId);
    if (earlier !== null && (await alreadyPosted(context, job, earlier))) return;
  }
  const { owner, repo } = ownerAndName(job.repo);
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
