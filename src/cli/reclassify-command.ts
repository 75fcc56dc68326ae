import type { Logger } from "pino";
import { z } from "zod";
import type { Octokit } from "../github/octokit.js";
import type { Sql } from "../store/db.js";
import { requeueInbox } from "../store/inbox.js";
import { countJobs } from "../store/outbox.js";
import { classifyNow } from "./classify-now.js";
import { dateArgument } from "./dates.js";
import { installationArgument } from "./report-command.js";

export const reclassifyArgs = z.object({
  installation: installationArgument,
  repo: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, "--repo must be written as OWNER/NAME")
    .optional(),
  since: dateArgument("start", "--since").optional(),
});

export type ReclassifyArgs = z.output<typeof reclassifyArgs>;

export type ReclassifyCommandOptions = {
  sql: Sql;
  octokit: Octokit;
  args: ReclassifyArgs;
  log: Logger;
  /** stdout when it is a terminal (a progress bar), else null. */
  tty: NodeJS.WriteStream | null;
};

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/**
 * `gluework reclassify`: hands the scope's stored activities back to the classify stage and runs
 * it here, so their credits become what today's rules and config give (running it twice changes
 * nothing). The check runs and credit comments that change are queued for the server's writer.
 * Returns the summary to print.
 */
export const reclassifyCommand = async ({ sql, octokit, args, log, tty }: ReclassifyCommandOptions) => {
  const scope = { installationId: args.installation, repo: args.repo ?? null, since: args.since ?? null };
  const requeued = await requeueInbox(sql, scope);
  const { left } = await classifyNow({ sql, octokit, log, installationId: args.installation, tty });
  const writes = await countJobs(sql, args.installation);
  const where = [args.repo, args.since ? `since ${args.since.toISOString().slice(0, 10)}` : null].filter(
    Boolean,
  );
  return [
    `${plural(requeued, "activity", "activities")} classified again${where.length > 0 ? ` (${where.join(", ")})` : ""}.`,
    left > 0
      ? `${plural(left, "activity waits", "activities wait")} for GitHub; run the command again later.`
      : null,
    writes > 0
      ? `${plural(writes, "check run or comment is", "check runs and comments are")} queued for the server to update.`
      : null,
  ]
    .filter(Boolean)
    .join("\n")
    .concat("\n");
};
