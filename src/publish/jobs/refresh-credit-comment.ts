import { querySubjectCredits } from "../../store/subject-credits.js";
import { creditCommentBody } from "../credit-comment-body.js";
import { ensureCreditComment } from "../ensure-credit-comment.js";
import { type JobContext, repoSettings } from "./job-context.js";
import { loadPullRequest, pullRequestJobSchema } from "./pull-request-job.js";

/** Outbox job `credit-comment`: the thank-you comment of a merged PR, posted once, then edited. */
export const refreshCreditComment = async (context: JobContext, payload: unknown): Promise<void> => {
  const job = pullRequestJobSchema.parse(payload);
  const pr = await loadPullRequest(context, job);
  const settings = await repoSettings(context, { id: job.repoId, fullName: job.repo });
  if (!pr.merged || settings.optOut || !settings.config.credit_comment.enabled) return;
  const credits = await querySubjectCredits(context.sql, {
    installationId: context.installationId,
    repoId: pr.repoId,
    subjectKey: `${pr.repo}#${pr.number}`,
  });
  const body = creditCommentBody(credits);
  if (body === null && pr.commentId === null) return;
  const result = await ensureCreditComment(
    context.octokit,
    context.sql,
    pr,
    body ?? "<!-- gluework:credit -->\nNo glue work is credited on this PR any more.",
    { dryRun: settings.dryRun, log: context.log, app: context.app },
  );
  context.log.debug({ repo: pr.repo, pr: pr.number, result }, "credit comment refreshed");
};
