import type { JobKind } from "../store/outbox.js";
import { refreshCheckRun } from "./jobs/refresh-check-run.js";
import { refreshCreditComment } from "./jobs/refresh-credit-comment.js";
import { replyToCommand } from "./jobs/reply-to-command.js";
import type { JobHandler } from "./outbox-worker.js";

/** Which function performs each kind of outbox job. */
export const JOB_HANDLERS: Record<JobKind, JobHandler> = {
  "check-run": refreshCheckRun,
  "credit-comment": refreshCreditComment,
  reply: replyToCommand,
};
