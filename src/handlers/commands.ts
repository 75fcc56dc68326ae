import { parseCommandComment } from "../events/parse-command.js";
import { previousPeriod } from "../report/periods.js";
import type { Sql } from "../store/db.js";
import { recordCommand } from "../store/opt-outs.js";
import { enqueueJobs, type OutboxJob } from "../store/outbox.js";
import { listPublishedReportIssues } from "../store/report-issues.js";
import type { Delivery } from "./delivery.js";
import { refreshJobs } from "./delivery-effects.js";

/** Replies one person gets in an installation within the command window; later commands still act. */
export const REPLIES_PER_PERSON = 5;

/**
 * `/gluework portfolio | opt-out | opt-in` in an issue or PR comment, always for the commenter,
 * who is their user id (a login can change hands). The change and the reply job are stored
 * together, once per comment. Replies are bounded: a person has at most one pending reply per
 * issue (a repeat replaces it, and the reply answers the latest command), and no reply at all
 * past REPLIES_PER_PERSON commands in the window.
 */
export const handleCommand = async (sql: Sql, delivery: Delivery): Promise<void> => {
  const asked = parseCommandComment(delivery.payload);
  if (!asked) return;
  const { command } = asked;
  const installation = { id: asked.installationId };
  const replyJob: OutboxJob = {
    installationId: installation.id,
    key: `reply:${asked.repoId}#${asked.number}:${asked.actorId}`,
    kind: "reply",
    payload: {
      command,
      login: asked.login,
      actorId: asked.actorId,
      repoId: asked.repoId,
      repo: asked.repo,
      number: asked.number,
      commentId: asked.commentId,
    },
  };
  let replied = false;
  const period = new Date().toISOString().slice(0, 7);
  const periods = [previousPeriod(period), period];
  const fresh = await recordCommand(
    sql,
    {
      installationId: installation.id,
      commentId: asked.commentId,
      login: asked.login,
      actorId: asked.actorId,
      command,
      accountId: asked.accountId,
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
  delivery.log.info({ installation: installation.id, command, fresh, replied }, "command received");
};
