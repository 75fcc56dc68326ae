import { z } from "zod";
import { findOwnItem, isAuthoredByApp } from "../../github/app-identity.js";
import { noteReplyAttempt } from "../../store/opt-outs.js";
import { queryPersonCredits, queryPersonTeams } from "../../store/person-credits.js";
import { optInReply, optOutReply, portfolioReply, replyMarker } from "../command-replies.js";
import { ensure } from "../ensure.js";
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
  /** Opt-out: the report issues being redone without the person (jobs queued before this have none). */
  reports: z.array(z.object({ repo: z.string(), period: z.string(), issueNumber: z.number() })).default([]),
  /** Opt-out: the months whose published report issues are redone. */
  periods: z.array(z.string()).default([]),
  /** Opt-out: how many report issues of earlier months stay as they were published. */
  olderReports: z.number().int().default(0),
});

const SIX_MONTHS_MS = 183 * 86_400_000;
/** How far before a noted attempt a reply it posted may be dated (GitHub's clock against ours). */
const CLOCK_SLACK_MS = 5 * 60_000;

/**
 * The portfolio of the commenter (by user id) as this repository may show it: its own credits
 * plus those in repositories that are public now (GitHub's answer at reply time), how many it
 * left out, and the visible teams whose glue those credits carried. A job without the commenter's id shows nothing rather than guess by login.
 */
const portfolioOf = async (context: JobContext, job: z.output<typeof replyJobSchema>, since: Date) => {
  if (job.actorId === null || job.actorId === undefined) return { items: [], leftOut: 0, teams: [] };
  const repos = await listInstalledRepos(context.octokit);
  const shownRepoIds = [job.repoId, ...repos.filter((repo) => !repo.private).map((repo) => repo.id)];
  const query = { installationId: context.installationId, actorId: job.actorId, since, shownRepoIds };
  const [credits, teams] = await Promise.all([
    queryPersonCredits(context.sql, query),
    queryPersonTeams(context.sql, query),
  ]);
  return { ...credits, teams };
};

/**
 * Whether the reply was already posted by an attempt whose answer was lost: only the comments
 * made since that attempt are read, never the whole thread, and only the app's own count (anyone
 * can post a reply's marker).
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
  const answered = await findOwnItem(
    recent,
    (comment) => comment.body?.includes(replyMarker(job.commentId)) ?? false,
    (identity, comment) => isAuthoredByApp(identity, comment.user),
    context.app,
  );
  return Boolean(answered);
};

/**
 * Outbox job `reply`: answer a person's latest `/gluework` command on an issue once. The first
 * attempt posts without reading the thread; a retry first looks for its own reply by marker
 * among the comments made since the earlier attempt.
 */
export const replyToCommand = async (context: JobContext, payload: unknown): Promise<void> => {
  const job = replyJobSchema.parse(payload);
  const { owner, repo } = ownerAndName(job.repo);
  const settings = await repoSettings(context, { id: job.repoId, fullName: job.repo });
  const bodyOf = async (): Promise<string> => {
    if (job.command === "portfolio") {
      const since = new Date(Date.now() - SIX_MONTHS_MS);
      const { items, leftOut, teams } = await portfolioOf(context, job, since);
      return portfolioReply({
        commentId: job.commentId,
        login: job.login,
        since: since.toISOString(),
        items,
        leftOut,
        teams,
      });
    }
    return job.command === "opt-out"
      ? optOutReply(job.commentId, job.login, {
          refreshed: job.reports,
          periods: job.periods,
          older: job.olderReports,
        })
      : optInReply(job.commentId, job.login);
  };
  // A reply is posted once and never edited: found means an earlier attempt already posted it.
  await ensure<true>(
    context.octokit,
    {
      find: async () => {
        if (settings.dryRun) return null;
        const earlier = await noteReplyAttempt(context.sql, context.installationId, job.commentId);
        return earlier !== null && (await alreadyPosted(context, job, earlier)) ? true : null;
      },
      plan: async (posted) =>
        posted
          ? null
          : {
              route: "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
              params: { owner, repo, issue_number: job.number, body: await bodyOf() },
              purpose: `reply to /gluework ${job.command} on ${job.repo}#${job.number}`,
            },
      remember: async () => {},
    },
    { dryRun: settings.dryRun, log: context.log },
  );
};
