import type postgres from "postgres";
import { z } from "zod";
import type { Sql, Tx } from "./db.js";

/** Jobs that write to GitHub, drained by the outbox worker a second apart. */
export const WRITE_KINDS = ["check-run", "credit-comment", "reply", "report-issue"] as const;
/** All jobs. */
export const JOB_KINDS = WRITE_KINDS;
export type JobKind = (typeof JOB_KINDS)[number];
export type WriteKind = (typeof WRITE_KINDS)[number];

/** A GitHub write to make later. Jobs with the same key coalesce into one. */
export type OutboxJob = {
  installationId: number;
  key: string;
  kind: JobKind;
  payload: Record<string, unknown>;
  /** Wait this long before running, so a burst of events makes one write. */
  delayMs?: number;
};

const claimedSchema = z.object({
  installation_id: z.number(),
  job_key: z.string(),
  kind: z.enum(JOB_KINDS),
  payload: z.record(z.string(), z.unknown()),
  version: z.number(),
  attempts: z.number(),
});

export type ClaimedJob = {
  installationId: number;
  key: string;
  kind: JobKind;
  payload: Record<string, unknown>;
  version: number;
  attempts: number;
};

const uniqueRows = (jobs: readonly OutboxJob[]) =>
  [...new Map(jobs.map((job) => [`${job.installationId}:${job.key}`, job])).values()]
    .sort((a, b) => a.installationId - b.installationId || (a.key < b.key ? -1 : 1))
    .map((job) => ({
      installation_id: job.installationId,
      job_key: job.key,
      kind: job.kind,
      payload: job.payload,
      run_after: new Date(Date.now() + (job.delayMs ?? 0)).toISOString(),
    }));

/** A job queued again takes the new payload and runs as soon as either asked. */
const requeue = (sql: Sql) => sql`
  on conflict (installation_id, job_key) do update set
    payload = excluded.payload,
    version = outbox.version + 1,
    attempts = 0,
    run_after = least(outbox.run_after, excluded.run_after),
    last_error = null
`;

/**
 * The statement that adds jobs, not yet sent (a caller in a transaction can pipeline it); a job
 * already queued takes the new payload. Null when there is nothing to add.
 */
export const enqueueJobsQuery = (tx: Tx | Sql, jobs: readonly OutboxJob[]) => {
  if (jobs.length === 0) return null;
  const sql = tx as Sql;
  // One parameter, whatever the number of jobs: one prepared statement for every batch.
  return sql`
    insert into outbox (installation_id, job_key, kind, payload, run_after)
    select j.installation_id, j.job_key, j.kind, j.payload, j.run_after
    from jsonb_to_recordset(${sql.json(uniqueRows(jobs) as postgres.JSONValue)})
      as j(installation_id bigint, job_key text, kind text, payload jsonb, run_after timestamptz)
    ${requeue(sql)}
  `;
};

/**
 * Like `enqueueJobsQuery`, for jobs about a PR (payload `repoId` and `number`) that are wanted
 * only once it is merged, as the store knows it when the statement runs: a delivery need not ask
 * the store before its transaction whether the PR is merged.
 */
export const enqueueJobsOnceMergedQuery = (tx: Tx | Sql, jobs: readonly OutboxJob[]) => {
  if (jobs.length === 0) return null;
  const sql = tx as Sql;
  return sql`
    insert into outbox (installation_id, job_key, kind, payload, run_after)
    select j.installation_id, j.job_key, j.kind, j.payload, j.run_after
    from jsonb_to_recordset(${sql.json(uniqueRows(jobs) as postgres.JSONValue)})
      as j(installation_id bigint, job_key text, kind text, payload jsonb, run_after timestamptz)
    join pull_requests p on p.installation_id = j.installation_id
      and p.repo_id = (j.payload->>'repoId')::bigint and p.number = (j.payload->>'number')::int
    where p.merged
    ${requeue(sql)}
  `;
};

/** Adds jobs inside the delivery's transaction; a job already queued takes the new payload. */
export const enqueueJobs = async (tx: Tx | Sql, jobs: readonly OutboxJob[]): Promise<void> => {
  await enqueueJobsQuery(tx, jobs);
};

export type ClaimOptions = {
  lockSeconds?: number;
  aheadMs?: number;
  kinds?: readonly JobKind[];
  /** Jobs at most of one installation: one installation's backlog never fills a claim. */
  perInstallation?: number;
  /** Installations whose turn is still under way here: none of their jobs is claimed. */
  skipInstallations?: readonly number[];
};

/**
 * Takes up to `limit` jobs of `kinds` due now (or within `aheadMs`), locking them for
 * `lockSeconds`: up to `perInstallation` of each installation, the longest-waiting first.
 * Several replicas can claim at once: `skip locked` hands each job to one of them.
 */
export const claimJobs = async (
  sql: Sql,
  limit: number,
  {
    lockSeconds = 60,
    aheadMs = 0,
    kinds = JOB_KINDS,
    perInstallation = limit,
    skipInstallations = [],
  }: ClaimOptions = {},
): Promise<ClaimedJob[]> => {
  const due = sql`
    run_after <= now() + make_interval(secs => ${aheadMs / 1000})
    and (locked_until is null or locked_until < now())
    and kind in ${sql(kinds)}
  `;
  const rows = await sql`
    update outbox o set locked_until = now() + make_interval(secs => ${lockSeconds}), attempts = o.attempts + 1
    from (
      select turn.installation_id, turn.job_key
      from (
        select distinct installation_id from outbox
        where ${due} and not (installation_id = any(${sql.array([...skipInstallations])}::bigint[]))
          and (kind = 'classify' or not exists (
            select 1 from outbox_pauses p where p.installation_id = outbox.installation_id and p.until > now()
          ))
      ) waiting
      cross join lateral (
        select installation_id, job_key, run_after from outbox
        where installation_id = waiting.installation_id and ${due}
          and (kind = 'classify' or not exists (
            select 1 from outbox_pauses p where p.installation_id = waiting.installation_id and p.until > now()
          ))
        order by run_after
        limit ${perInstallation}
        for update skip locked
      ) turn
      order by turn.run_after
      limit ${limit}
    ) due
    where o.installation_id = due.installation_id and o.job_key = due.job_key
    returning o.installation_id, o.job_key, o.kind, o.payload, o.version, o.attempts
  `;
  return rows.map((row) => {
    const job = claimedSchema.parse(row);
    return {
      installationId: job.installation_id,
      key: job.job_key,
      kind: job.kind,
      payload: job.payload,
      version: job.version,
      attempts: job.attempts,
    };
  });
};

/**
 * A rate-limited installation: none of its writes is claimed before `untilMs` (GitHub's reset),
 * not even one queued again meanwhile, and `released`, the rest of its claimed turn, is let go
 * at once (not counted as an attempt) instead of being held by a worker.
 */
export const deferInstallation = async (
  sql: Sql,
  installationId: number,
  untilMs: number,
  released: readonly ClaimedJob[],
): Promise<void> => {
  await sql`
    insert into outbox_pauses (installation_id, until) values (${installationId}, ${new Date(untilMs)})
    on conflict (installation_id) do update set until = greatest(outbox_pauses.until, excluded.until)
  `;
  if (released.length === 0) return;
  await sql`
    update outbox set locked_until = null, attempts = greatest(attempts - 1, 0)
    where installation_id = ${installationId} and job_key in ${sql(released.map((job) => job.key))}
  `;
};

/** Done: the job goes, unless it was enqueued again while it ran (then it runs once more). */
export const completeJob = async (sql: Sql, job: ClaimedJob): Promise<void> => {
  const deleted = await sql`
    delete from outbox
    where installation_id = ${job.installationId} and job_key = ${job.key} and version = ${job.version}
    returning 1
  `;
  if (deleted.length === 0) {
    await sql`
      update outbox set locked_until = null
      where installation_id = ${job.installationId} and job_key = ${job.key}
    `;
  }
};

/** Failed: try again after `retryInMs`, or (null) give the job up. */
export const failJob = async (
  sql: Sql,
  job: ClaimedJob,
  error: string,
  retryInMs: number | null,
): Promise<void> => {
  if (retryInMs === null) {
    await sql`delete from outbox where installation_id = ${job.installationId} and job_key = ${job.key} and version = ${job.version}`;
    return;
  }
  await sql`
    update outbox set
      locked_until = null,
      last_error = ${error.slice(0, 2000)},
      run_after = now() + make_interval(secs => ${retryInMs / 1000})
    where installation_id = ${job.installationId} and job_key = ${job.key}
  `;
};

/** Forgets every job of an installation (the demo's fictional org, whose writes are never made). */
export const dropJobs = async (sql: Sql, installationId: number): Promise<void> => {
  await sql`delete from outbox where installation_id = ${installationId}`;
};

/** How many jobs wait, for tests and health output. */
export const countJobs = async (sql: Sql, installationId?: number): Promise<number> => {
  const [row]: [{ n: number }?] = installationId
    ? await sql`select count(*)::int as n from outbox where installation_id = ${installationId}`
    : await sql`select count(*)::int as n from outbox`;
  return row?.n ?? 0;
};
