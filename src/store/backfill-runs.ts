import type { Sql } from "./db.js";

export type BackfillKey = { installationId: number; repoId: number };

export type BackfillRun = BackfillKey & {
  repo: string;
  /** Null: from the repository's `backfill.days`, counted back from `requestedAt`. */
  since: Date | null;
  requestedAt: Date;
  attempts: number;
};

/** A run asked for with a window start this close to the stored one resumes instead of restarting. */
const RESUME_TOLERANCE_HOURS = 24;

type RunRow = {
  installation_id: number;
  repo_id: number;
  repo: string;
  since: Date | null;
  requested_at: Date;
  attempts: number;
};

const toRun = (row: RunRow): BackfillRun => ({
  installationId: row.installation_id,
  repoId: row.repo_id,
  repo: row.repo,
  since: row.since,
  requestedAt: row.requested_at,
  attempts: row.attempts,
});

/**
 * Asks for a repository's history since `since` (null: its configured `backfill.days`). A
 * finished run starts over; an unfinished one (crashed, or waiting) keeps its cursors and
 * window, unless this asks for clearly older history, which restarts it with the new window.
 */
export const requestBackfill = async (
  sql: Sql,
  run: BackfillKey & { repo: string; since: Date | null },
): Promise<"queued" | "resumed"> =>
  sql.begin(async (tx) => {
    const [existing]: [{ since: Date | null; finished: boolean }?] = await tx`
      select since, finished_at is not null as finished from backfill_runs
      where installation_id = ${run.installationId} and repo_id = ${run.repoId}
      for update
    `;
    const tolerance = RESUME_TOLERANCE_HOURS * 3_600_000;
    const keeps =
      existing &&
      !existing.finished &&
      (run.since === null ||
        (existing.since !== null && run.since.getTime() >= existing.since.getTime() - tolerance));
    if (keeps) {
      await tx`
        update backfill_runs set run_after = least(run_after, now()), repo = ${run.repo}
        where installation_id = ${run.installationId} and repo_id = ${run.repoId}
      `;
      return "resumed" as const;
    }
    await tx`
      delete from backfill_cursors where installation_id = ${run.installationId} and repo_id = ${run.repoId}
    `;
    await tx`
      insert into backfill_runs (installation_id, repo_id, repo, since)
      values (${run.installationId}, ${run.repoId}, ${run.repo}, ${run.since})
      on conflict (installation_id, repo_id) do update set
        repo = excluded.repo, since = excluded.since, requested_at = now(), run_after = now(),
        finished_at = null, started_at = null, attempts = 0, items = 0, last_error = null
    `;
    return "queued" as const;
  }) as Promise<"queued" | "resumed">;

/**
 * Takes the lease on one repository's unfinished run for `leaseSeconds`. Returns null while
 * another holder's lease is live: only one backfill of a repository runs at a time, on any replica.
 */
export const claimBackfill = async (
  sql: Sql,
  key: BackfillKey,
  holder: string,
  leaseSeconds: number,
): Promise<BackfillRun | null> => {
  const [row]: [RunRow?] = await sql`
    update backfill_runs set
      holder = ${holder},
      locked_until = now() + make_interval(secs => ${leaseSeconds}),
      started_at = coalesce(started_at, now()),
      attempts = attempts + 1
    where installation_id = ${key.installationId} and repo_id = ${key.repoId}
      and finished_at is null
      and (locked_until is null or locked_until < now() or holder = ${holder})
    returning installation_id, repo_id, repo, since, requested_at, attempts
  `;
  return row ? toRun(row) : null;
};

/** Takes the lease on the oldest due unfinished run of any repository (the background worker). */
export const claimNextBackfill = async (
  sql: Sql,
  holder: string,
  leaseSeconds: number,
): Promise<BackfillRun | null> => {
  const [row]: [RunRow?] = await sql`
    update backfill_runs r set
      holder = ${holder},
      locked_until = now() + make_interval(secs => ${leaseSeconds}),
      started_at = coalesce(r.started_at, now()),
      attempts = r.attempts + 1
    from (
      select installation_id, repo_id from backfill_runs
      where finished_at is null and run_after <= now() and (locked_until is null or locked_until < now())
      order by run_after, requested_at
      limit 1
      for update skip locked
    ) due
    where r.installation_id = due.installation_id and r.repo_id = due.repo_id
    returning r.installation_id, r.repo_id, r.repo, r.since, r.requested_at, r.attempts
  `;
  return row ? toRun(row) : null;
};

/** Fixes the window of a run whose start came from config, when it first starts. */
export const fixBackfillWindow = async (sql: Sql, key: BackfillKey, since: Date): Promise<void> => {
  await sql`
    update backfill_runs set since = ${since}
    where installation_id = ${key.installationId} and repo_id = ${key.repoId} and since is null
  `;
};

/** Extends the lease; false when it was lost (expired and taken over), so the holder must stop. */
export const renewBackfill = async (
  sql: Sql,
  key: BackfillKey,
  holder: string,
  leaseSeconds: number,
  items: number,
): Promise<boolean> => {
  const rows = await sql`
    update backfill_runs set
      locked_until = now() + make_interval(secs => ${leaseSeconds}),
      items = ${items}
    where installation_id = ${key.installationId} and repo_id = ${key.repoId} and holder = ${holder}
      and finished_at is null
    returning 1
  `;
  return rows.length > 0;
};

/** Done: the lease is released and the cursors go; a later request starts a fresh run. */
export const finishBackfill = async (
  sql: Sql,
  key: BackfillKey,
  holder: string,
  items: number,
): Promise<void> => {
  await sql.begin(async (tx) => {
    await tx`
      update backfill_runs set finished_at = now(), locked_until = null, holder = null, items = ${items}, last_error = null
      where installation_id = ${key.installationId} and repo_id = ${key.repoId} and holder = ${holder}
    `;
    await tx`delete from backfill_cursors where installation_id = ${key.installationId} and repo_id = ${key.repoId}`;
  });
};

/** Stopped before the end: the lease is released and the run is due again after `retryInMs`. */
export const releaseBackfill = async (
  sql: Sql,
  key: BackfillKey,
  holder: string,
  retryInMs: number,
  error: string | null,
): Promise<void> => {
  await sql`
    update backfill_runs set
      locked_until = null,
      holder = null,
      last_error = ${error === null ? null : error.slice(0, 2000)},
      run_after = now() + make_interval(secs => ${retryInMs / 1000})
    where installation_id = ${key.installationId} and repo_id = ${key.repoId} and holder = ${holder}
  `;
};

/** Gives a run up (too many failures): it stays in the table, finished, with its last error. */
export const abandonBackfill = async (
  sql: Sql,
  key: BackfillKey,
  holder: string,
  error: string,
): Promise<void> => {
  await sql`
    update backfill_runs set finished_at = now(), locked_until = null, holder = null, last_error = ${error.slice(0, 2000)}
    where installation_id = ${key.installationId} and repo_id = ${key.repoId} and holder = ${holder}
  `;
};

export type CursorState = { cursor: string | null; done: boolean };

export const loadCursors = async (sql: Sql, key: BackfillKey): Promise<Map<string, CursorState>> => {
  const rows = await sql<{ connection: string; cursor: string | null; done: boolean }[]>`
    select connection, cursor, done from backfill_cursors
    where installation_id = ${key.installationId} and repo_id = ${key.repoId}
  `;
  return new Map(rows.map((row) => [row.connection, { cursor: row.cursor, done: row.done }]));
};

/** Where a connection stopped: after this cursor everything is still to read (`done`: nothing is). */
export const saveCursor = async (
  sql: Sql,
  key: BackfillKey,
  connection: string,
  state: CursorState,
): Promise<void> => {
  await sql`
    insert into backfill_cursors (installation_id, repo_id, connection, cursor, done)
    values (${key.installationId}, ${key.repoId}, ${connection}, ${state.cursor}, ${state.done})
    on conflict (installation_id, repo_id, connection) do update set
      cursor = excluded.cursor, done = excluded.done, updated_at = now()
  `;
};
