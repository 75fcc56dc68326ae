import type { Context } from "probot";
import { z } from "zod";
import { parseCommand } from "../events/parse-command.js";
import { isBotLogin } from "../events/refs.js";
import { previousPeriod } from "../report/periods.js";
import type { Sql } from "../store/db.js";
import { recordCommand } from "../store/opt-outs.js";
import { enqueueJobs, type OutboxJob } from "../store/outbox.js";
import { listPublishedReportIssues } from "../store/report-issues.js";
import { refreshJobs } from "./delivery-effects.js";

const commentEvent = z.object({
  installation: z.object({ id: z.number() }),
  repository: z.object({ id: z.number(), full_name: z.string(), owner: z.object({ id: z.number() }) }),
  issue: z.object({ number: z.number() }),
  comment: z.object({
    id: z.number(),
    body: z.string().nullish(),
    user: z.object({ login: z.string(), id: z.number().int().positive(), type: z.string().optional() }),
  }),
});

/** Replies one person gets in an installation within the command window; later commands still act. */
export const REPLIES_PER_PERSON = 5;

/**
 * `/gluework portfolio | opt-out | opt-in` in an issue or PR comment, always for the commenter,
 * who is their user id (a login can change hands). The change and the reply job are stored
 * together, once per comment. Replies are bounded: a person has at most one pending reply per
 * issue (a repeat replaces it, and the reply answers the latest command), and no reply at all
 * past REPLIES_PER_PERSON commands in the window.
 */
export const handleCommand = async (sql: Sql, context: Context): Promise<void> => {
  const event = commentEvent.safeParse(context.payload);
  if (!event.success) return;
  const { installation, repository, issue, comment } = event.data;
  const command = parseCommand(comment.body ?? "");
  if (!command || comment.user.type === "Bot" || isBotLogin(comment.user.login)) return;
  const replyJob: OutboxJob = {
    installationId: installation.id,
    key: `reply:${repository.id}#${issue.number}:${comment.user.id}`,
    kind: "reply",
    payload: {
      command,
      login: comment.user.login,
      actorId: comment.user.id,
      repoId: repository.id,
      repo: repository.full_name,
      number: issue.number,
      commentId: comment.id,
    },
  };
  let replied = false;
  const period = new Date().toISOString().slice(0, 7);
  const periods = [previousPeriod(period), period];
  const fresh = await recordCommand(
    sql,
    {
      installationId: installation.id,
      commentId: comment.id,
      login: comment.user.login,
      actorId: comment.user.id,
      command,
      // A repository's owner is the account the app is installed on.
      accountId: repository.owner.id,
    },
    // An opt-out also redoes the check runs and credit comments that named the person, and the
    // report issues published for this month and the last; the reply says which, and what remains.
    async (tx, changed, recent) => {
      replied = recent <= REPLIES_PER_PERSON;
      const reports =
        command === "opt-out"
          ? await listPublishedReportIssues(tx, installation.id, periods)
          : { recent: [], older: 0 };
      const reportJobs = reports.recent.map(
        (issue): OutboxJob => ({
          installationId: installation.id,
          key: `report-issue:${issue.repo}:${issue.period}`,
          kind: "report-issue",
          payload: { repo: issue.repo, period: issue.period },
        }),
      );
      const reply: OutboxJob = {
        ...replyJob,
        payload: {
          ...replyJob.payload,
          ...(command === "opt-out" ? { reports: reports.recent, periods, olderReports: reports.older } : {}),
        },
      };
      await enqueueJobs(tx, [
        ...changed.flatMap((pr) => refreshJobs({ installationId: installation.id, ...pr }, true)),
        ...reportJobs,
        ...(replied ? [reply] : []),
      ]);
    },
  );
  context.log.info({ installation: installation.id, command, fresh, replied }, "command received");
};
