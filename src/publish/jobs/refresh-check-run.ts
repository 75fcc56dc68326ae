import { querySubjectCredits } from "../../store/subject-credits.js";
import { checkRunOutput } from "../check-run-output.js";
import { ensureCheckRun } from "../ensure-check-run.js";
import type { JobContext } from "./job-context.js";
import { repoSettings } from "./job-context.js";
import { loadPullRequest, pullRequestJobSchema } from "./pull-request-job.js";

/** Outbox job `check-run`: bring the PR head's "Glue work" check run up to date. */
export const refreshCheckRun = async (context: JobContext, payload: unknown): Promise<void> => {
  const job = pullRequestJobSchema.parse(payload);
  const pr = await loadPullRequest(context, job);
  const settings = await repoSettings(context, { id: job.repoId, fullName: job.repo });
  if (settings.optOut) return;
  const credits = await querySubjectCredits(context.sql, {
    installationId: context.installationId,
    repoId: pr.repoId,
    subjectKey: `${pr.repo}#${pr.number}`,
  });
  const result = await ensureCheckRun(
    context.octokit,
    context.sql,
    pr,
    checkRunOutput(credits, settings.problems),
    {
      dryRun: settings.dryRun,
      log: context.log,
      app: context.app,
    },
  );
  context.log.debug({ repo: pr.repo, pr: pr.number, result }, "check run refreshed");
};
