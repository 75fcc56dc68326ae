import type { WriteKind } from "../store/outbox.js";
import { refreshCheckRun } from "./jobs/refresh-check-run.js";
import { refreshCreditComment } from "./jobs/refresh-credit-comment.js";
import { refreshReportIssue } from "./jobs/refresh-report-issue.js";
import { replyToCommand } from "./jobs/reply-to-command.js";
import type { JobHandler } from "./outbox-worker.js";

/** Which function performs each kind of GitHub write. */
export const JOB_HANDLERS: Record<WriteKind, JobHandler> = {
  "check-run": refreshCheckRun,
  "credit-comment": refreshCreditComment,
  reply: replyToCommand,
  "report-issue": refreshReportIssue,
};
