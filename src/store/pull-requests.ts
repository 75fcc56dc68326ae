import type { Sql, Tx } from "./db.js";

/** What the outputs need to know about a PR, kept from its events. */
export type PullRequestState = {
  installationId: number;
  repoId: number;
  number: number;
  /** `owner/name` */
  repo: string;
  headSha: string;
  authorLogin: string;
  merged: boolean;
  /** The commit the merge put on the base branch, once merged. */
  mergeCommitSha?: string | null;
  /** This delivery is the PR being opened: nothing of Gluework's can be on it yet. */
  opened?: boolean;
  /** When GitHub last updated the PR as this delivery saw it; an older view never moves the head back. */
  headAt?: string | null;
};

export type PullRequestRecord = PullRequestState & {
  /** Gluework saw the PR opened: every write it made on it is recorded here. */
  openedSeen: boolean;
  /** A credit comment was (about to be) posted. */
  commentAttempted: boolean;
  checkRunId: number | null;
  checkRunSha: string | null;
  checkRunBody: string | null;
  commentId: number | null;
  commentBody: string | null;
};

/**
 * The upsert of PR states (newest head wins; once merged, stays merged), not yet sent: a
 * caller in a transaction can pipeline it with other statements. Null when there is nothing.
 */
export const savePullRequestsQuery = (tx: Tx | Sql, states: readonly PullRequestState[]) => {
  const unique = [...new Map(states.map((s) => [`${s.installationId}:${s.repoId}:${s.number}`, s])).values()];
  if (unique.length === 0) return null;
  const sql = tx as Sql;
  const rows = unique.map((s) => ({
    installation_id: s.installationId,
    repo_id: s.repoId,
    number: s.number,
    repo: s.repo,
    head_sha: s.headSha,
    author_login: s.authorLogin,
    merged: s.merged,
    opened_seen: s.opened ?? false,
    head_at: s.headAt ?? null,
    merge_commit_sha: s.merged ? (s.mergeCommitSha ?? null) : null,
  }));
  // One parameter, whatever the number of rows: the statement's text, and so its prepared plan,
  // stays the same from one batch to the next.
  return sql`
    insert into pull_requests
      (installation_id, repo_id, number, repo, head_sha, author_login, merged, opened_seen, head_at, merge_commit_sha)
    select installation_id, repo_id, number, repo, head_sha, author_login, merged, opened_seen, head_at, merge_commit_sha
    from jsonb_to_recordset(${sql.json(rows as never)}) as r(
      installation_id bigint, repo_id bigint, number integer, repo text, head_sha text, author_login text,
      merged boolean, opened_seen boolean, head_at timestamptz, merge_commit_sha text
    )
    on conflict (installation_id, repo_id, number) do update set
      head_sha = case
        when excluded.head_at is null or pull_requests.head_at is null or excluded.head_at >= pull_requests.head_at
        then excluded.head_sha
        else pull_requests.head_sha
      end,
      head_at = greatest(pull_requests.head_at, excluded.head_at),
      repo = excluded.repo,
      merged = pull_requests.merged or excluded.merged,
      merge_commit_sha = coalesce(excluded.merge_commit_sha, pull_requests.merge_commit_sha),
      opened_seen = pull_requests.opened_seen or excluded.opened_seen,
      updated_at = now()
  `;
};

/** Newest head wins; once merged, stays merged. */
export const savePullRequests = async (tx: Tx | Sql, states: readonly PullRequestState[]): Promise<void> => {
  await savePullRequestsQuery(tx, states);
};

type PullRequestRow = {
  installation_id: number;
  repo_id: number;
  number: number;
  repo: string;
  head_sha: string;
  author_login: string;
  merged: boolean;
  opened_seen: boolean;
  comment_attempted: boolean;
  check_run_id: number | null;
  check_run_sha: string | null;
  check_run_body: string | null;
  comment_id: number | null;
  comment_body: string | null;
};

export const findPullRequest = async (
  sql: Sql,
  key: { installationId: number; repoId: number; number: number },
): Promise<PullRequestRecord | null> => {
  const [row]: [PullRequestRow?] = await sql`
    select * from pull_requests
    where installation_id = ${key.installationId} and repo_id = ${key.repoId} and number = ${key.number}
  `;
  if (!row) return null;
  return {
    installationId: row.installation_id,
    repoId: row.repo_id,
    number: row.number,
    repo: row.repo,
    headSha: row.head_sha,
    authorLogin: row.author_login,
    merged: row.merged,
    openedSeen: row.opened_seen,
    commentAttempted: row.comment_attempted,
    checkRunId: row.check_run_id,
    checkRunSha: row.check_run_sha,
    checkRunBody: row.check_run_body,
    commentId: row.comment_id,
    commentBody: row.comment_body,
  };
};

/**
 * Notes that a check run is about to be created on `sha`, unless an attempt on it was noted
 * before. True when this is the first attempt on that head.
 */
export const noteCheckRunAttempt = async (
  sql: Sql,
  key: { installationId: number; repoId: number; number: number },
  sha: string,
): Promise<boolean> => {
  const noted = await sql`
    update pull_requests set check_run_sha = ${sha}, check_run_id = null, check_run_body = null
    where installation_id = ${key.installationId} and repo_id = ${key.repoId} and number = ${key.number}
      and check_run_sha is distinct from ${sha}
    returning 1
  `;
  return noted.length === 1;
};

/** Notes that a credit comment is about to be posted; true when no attempt was noted before. */
export const noteCommentAttempt = async (
  sql: Sql,
  key: { installationId: number; repoId: number; number: number },
): Promise<boolean> => {
  const noted = await sql`
    update pull_requests set comment_attempted = true
    where installation_id = ${key.installationId} and repo_id = ${key.repoId} and number = ${key.number}
      and not comment_attempted
    returning 1
  `;
  return noted.length === 1;
};

/** Remembers the check run Gluework owns on a PR head, and what it last said. */
export const saveCheckRun = async (
  sql: Sql,
  key: { installationId: number; repoId: number; number: number },
  checkRun: { id: number; sha: string; body: string },
): Promise<void> => {
  await sql`
    update pull_requests set check_run_id = ${checkRun.id}, check_run_sha = ${checkRun.sha}, check_run_body = ${checkRun.body}
    where installation_id = ${key.installationId} and repo_id = ${key.repoId} and number = ${key.number}
  `;
};

/** Remembers Gluework's credit comment on a PR, and what it last said. */
export const saveCreditComment = async (
  sql: Sql,
  key: { installationId: number; repoId: number; number: number },
  comment: { id: number; body: string },
): Promise<void> => {
  await sql`
    update pull_requests set comment_id = ${comment.id}, comment_body = ${comment.body}
    where installation_id = ${key.installationId} and repo_id = ${key.repoId} and number = ${key.number}
  `;
};

/**
 * Whether a merged PR the store holds put `sha` on its base branch (its merge, squash or last
 * rebased commit): then the commit came in through that PR.
 */
export const isMergeCommitOfStoredPullRequest = async (
  sql: Sql,
  key: { installationId: number; repoId: number; sha: string },
): Promise<boolean> => {
  const rows = await sql`
    select 1 from pull_requests
    where installation_id = ${key.installationId} and repo_id = ${key.repoId}
      and merge_commit_sha = ${key.sha} and merged
    limit 1
  `;
  return rows.length > 0;
};
