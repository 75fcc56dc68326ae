import { findOwnItem } from "../github/app-identity.js";
import type { Octokit } from "../github/octokit.js";
import type { Sql } from "../store/db.js";
import { noteCheckRunAttempt, type PullRequestRecord, saveCheckRun } from "../store/pull-requests.js";
import { CHECK_RUN_EXTERNAL_ID, CHECK_RUN_NAME, type CheckRunOutput } from "./check-run-output.js";
import { answeredId, type EnsureOutcome, ensure } from "./ensure.js";
import { type EnsureOptions, type GitHubWrite, orNoneIfMissing } from "./github-write.js";
import { ownerAndName } from "./repo-name.js";

/**
 * The check run Gluework already owns on this head: remembered; none when Gluework saw the PR
 * opened and never tried this head (noted atomically, so a retry after a failed create searches);
 * else found by its external id among the check runs this app made (another app may use the same
 * external id).
 */
const findCheckRun = async (
  octokit: Octokit,
  sql: Sql,
  pr: PullRequestRecord,
  { dryRun, app }: EnsureOptions,
): Promise<number | null> => {
  if (pr.checkRunId && pr.checkRunSha === pr.headSha) return pr.checkRunId;
  if (
    !dryRun &&
    pr.openedSeen &&
    pr.checkRunSha !== pr.headSha &&
    (await noteCheckRunAttempt(sql, pr, pr.headSha))
  ) {
    return null;
  }
  const runs = await orNoneIfMissing(async () => {
    const { data } = await octokit.rest.checks.listForRef({
      ...ownerAndName(pr.repo),
      ref: pr.headSha,
      check_name: CHECK_RUN_NAME,
      filter: "latest",
      per_page: 100,
    });
    return data.check_runs;
  }, []);
  const own = await findOwnItem(
    runs,
    (run) => run.external_id === CHECK_RUN_EXTERNAL_ID,
    (identity, run) => run.app?.id === identity.id,
    app,
  );
  return own?.id ?? null;
};

/** The write that brings the check run to `output`: none when it already says that. */
export const planCheckRun = (
  pr: PullRequestRecord,
  existingId: number | null,
  output: CheckRunOutput,
): GitHubWrite | null => {
  const where = `${pr.repo}#${pr.number}`;
  const fields = { status: "completed", conclusion: "neutral", output };
  if (existingId === null) {
    return {
      route: "POST /repos/{owner}/{repo}/check-runs",
      params: {
        ...ownerAndName(pr.repo),
        name: CHECK_RUN_NAME,
        head_sha: pr.headSha,
        external_id: CHECK_RUN_EXTERNAL_ID,
        ...fields,
      },
      purpose: `create check run on ${where}`,
    };
  }
  if (pr.checkRunId === existingId && pr.checkRunBody === JSON.stringify(output)) return null;
  return {
    route: "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}",
    params: { ...ownerAndName(pr.repo), check_run_id: existingId, ...fields },
    purpose: `update check run on ${where}`,
  };
};

/** Creates the neutral "Glue work" check run on the PR's head, or edits it in place. */
export const ensureCheckRun = async (
  octokit: Octokit,
  sql: Sql,
  pr: PullRequestRecord,
  output: CheckRunOutput,
  options: EnsureOptions,
): Promise<EnsureOutcome> => {
  const { outcome } = await ensure<number>(
    octokit,
    {
      find: () => findCheckRun(octokit, sql, pr, options),
      plan: (existingId) => planCheckRun(pr, existingId, output),
      beforeCreate: () => noteCheckRunAttempt(sql, pr, pr.headSha).then(() => undefined),
      remember: async (existingId, answer) => {
        const id = existingId ?? answeredId(answer);
        if (id !== null) await saveCheckRun(sql, pr, { id, sha: pr.headSha, body: JSON.stringify(output) });
      },
      // Someone deleted the check run we remembered: make a new one.
      recreateWhenGone: true,
    },
    options,
  );
  return outcome;
};
