import { z } from "zod";
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

/** Outbox job `reply`: answer a `/gluework` command once, found again by its marker if retried. */
export const replyToCommand = async (context: JobContext, payload: unknown): Promise<void> => {
  const job = replyJobSchema.parse(payload);
  const { owner, repo } = ownerAndName(job.repo);
  const existing = await context.octokit.paginate(context.octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: job.number,
    per_page: 100,
  });
  if (existing.some((comment) => comment.body?.includes(replyMarker(job.commentId)))) return;
  let body: string;
  if (job.command === "portfolio") {
    const since = new Date(Date.now() - SIX_MONTHS_MS);
    const items = await queryPersonCredits(context.sql, {
      installationId: context.installationId,
      login: job.login,
      since,
      includePrivate: job.repoPrivate,
    });
    // In a public repository, private repositories are left out without a trace, not even a count.
    body = portfolioReply({
      commentId: job.commentId,
      login: job.login,
      since: since.toISOString(),
      items,
      privateLeftOut: !job.repoPrivate,
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
