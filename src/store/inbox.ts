import { z } from "zod";
import type { Activity } from "../vocabulary/activity.js";
import type { Sql, Tx } from "./db.js";

/** An activity as the inbox keeps it: keyed by its delivery and its place in it. */
export type InboxEntry = {
  installationId: number;
  key: string;
  deliveryId: string;
  activity: Activity;
};

/** An entry the classify stage has taken, with how often it was tried. */
export type ClaimedEntry = InboxEntry & { attempts: number };

/** Which entry was taken, whatever it holds. */
export type ClaimedKey = Pick<ClaimedEntry, "installationId" | "key" | "attempts">;

/**
 * The delivery id a page of history is recorded under: the classify stage tells history from
 * webhooks by it (history gets no check runs or comments).
 */
export const historyDeliveryId = (repoId: number, connection: string, cursor: string | null): string =>
  `backfill:${repoId}:${connection}:${cursor ?? "start"}`;

export const isHistoryDelivery = (deliveryId: string): boolean => deliveryId.startsWith("backfill:");

/** The inbox key of a delivery's `index`th activity: a redelivery gives the same keys. */
export const inboxKey = (deliveryId: string, index: number): string => `${deliveryId}:${index}`;

/** The statement that adds entries; one already there (a redelivery) stays as it is. Null when none. */
export const addToInboxQuery = (tx: Tx | Sql, entries: readonly InboxEntry[]) => {
  if (entries.length === 0) return null;
  const sql = tx as Sql;
  const rows = [...new Map(entries.map((e) => [`${e.installationId}:${e.key}`, e])).values()].map((e) => ({
    installation_id: e.installationId,
    activity_key: e.key,
    repo_id: e.activity.repo.id,
    delivery_id: e.deliveryId,
    activity: e.activity,
    occurred_at: e.activity.at,
  }));
  return sql`
    insert into activities (installation_id, activity_key, repo_id, delivery_id, activity, occurred_at)
    select installation_id, activity_key, repo_id, delivery_id, activity, occurred_at
    from jsonb_to_recordset(${sql.json(rows as never)})
      as r(installation_id bigint, activity_key text, repo_id bigint, delivery_id text, activity jsonb, occurred_at timestamptz)
    on conflict (installation_id, activity_key) do nothing
  `;
};

const claimedRow = z.object({
  installation_id: z.coerce.number(),
  activity_key: z.string(),
  delivery_id: z.string(),
  activity: z.looseObject({
    type: z.string(),
    installationId: z.number(),
    repo: z.looseObject({ id: z.number(), fullName: z.string(), owner: z.string(), name: z.string() }),
    actor: z.looseObject({ login: z.string() }),
    at: z.string(),
  }),
  attempts: z.number(),
});

/**
 * Takes up to `limit` waiting entries that are due, oldest first, locking them for `lockSeconds`,
 * and says how long the oldest of them had been due.
 * Several replicas can claim at once: `skip locked` hands each entry to one of them. An entry
 * that is not an activity (written by something else) comes back apart, to be dropped.
 */
export const claimInbox = async (
  sql: Sql,
  limit: number,
  { lockSeconds = 60, installationId }: { lockSeconds?: number; installationId?: number } = {},
): Promise<{ entries: ClaimedEntry[]; unreadable: ClaimedKey[]; oldestWaitMs: number }> => {
  const rows = await sql`
    update activities a set
      locked_until = now() + make_interval(secs => ${lockSeconds}),
      attempts = a.attempts + 1
    from (
      select installation_id, activity_key from activities
      where classified_at is null and run_after <= now() and (locked_until is null or locked_until < now())
        ${installationId === undefined ? sql`` : sql`and installation_id = ${installationId}`}
      order by run_after
      limit ${limit}
      for update skip locked
    ) due
    where a.installation_id = due.installation_id and a.activity_key = due.activity_key
    returning a.installation_id, a.activity_key, a.delivery_id, a.activity, a.attempts,
      extract(epoch from now() - a.run_after) * 1000 as waited_ms
  `;
  const entries: ClaimedEntry[] = [];
  const unreadable: ClaimedKey[] = [];
  for (const row of rows) {
    const entry = claimedRow.safeParse(row);
    if (entry.success)
      entries.push({
        installationId: entry.data.installation_id,
        key: entry.data.activity_key,
        deliveryId: entry.data.delivery_id,
        activity: entry.data.activity as unknown as Activity,
        attempts: entry.data.attempts,
      });
    else
      unreadable.push({
        installationId: Number(row.installation_id),
        key: String(row.activity_key),
        attempts: Number(row.attempts),
      });
  }
  const oldestWaitMs = Math.max(0, ...rows.map((row) => Number(row.waited_ms)));
  return { entries, unreadable, oldestWaitMs };
};

type EntryKey = Pick<InboxEntry, "installationId" | "key">;

const keyRows = (entries: readonly EntryKey[]) =>
  entries.map((e) => ({ installation_id: e.installationId, activity_key: e.key }));

/** The statement that marks entries classified (kept for recomputing). Null when none. */
export const settleInboxQuery = (tx: Tx | Sql, entries: readonly EntryKey[]) => {
  if (entries.length === 0) return null;
  const sql = tx as Sql;
  return sql`
    update activities a set classified_at = now(), locked_until = null, last_error = null
    from jsonb_to_recordset(${sql.json(keyRows(entries) as never)}) as k(installation_id bigint, activity_key text)
    where a.installation_id = k.installation_id and a.activity_key = k.activity_key
  `;
};

/** The statement that removes entries (a repository that opted out keeps nothing). Null when none. */
export const dropFromInboxQuery = (tx: Tx | Sql, entries: readonly EntryKey[]) => {
  if (entries.length === 0) return null;
  const sql = tx as Sql;
  return sql`
    delete from activities a
    using jsonb_to_recordset(${sql.json(keyRows(entries) as never)}) as k(installation_id bigint, activity_key text)
    where a.installation_id = k.installation_id and a.activity_key = k.activity_key
  `;
};

/** Not classified yet: try again after `retryInMs`, or (null) give it up, dropping it. */
export const retryInbox = async (
  sql: Sql,
  entries: readonly EntryKey[],
  error: string,
  retryInMs: number | null,
): Promise<void> => {
  if (entries.length === 0) return;
  if (retryInMs === null) {
    await dropFromInboxQuery(sql, entries);
    return;
  }
  await sql`
    update activities a set
      locked_until = null,
      last_error = ${error.slice(0, 2000)},
      run_after = now() + make_interval(secs => ${retryInMs / 1000})
    from jsonb_to_recordset(${sql.json(keyRows(entries) as never)}) as k(installation_id bigint, activity_key text)
    where a.installation_id = k.installation_id and a.activity_key = k.activity_key
  `;
};

/** Which stored activities to classify again: an installation's, one repository's, since a time. */
export type InboxScope = {
  installationId: number;
  repoId?: number | null;
  /** `owner/name`, as the activities recorded it. */
  repo?: string | null;
  since?: Date | null;
};

/**
 * The statement that hands a scope's classified activities back to the classify stage, which
 * replaces their credits with what today's rules and config give. Returns how many.
 */
export const requeueInboxQuery = (tx: Tx | Sql, scope: InboxScope) => {
  const sql = tx as Sql;
  return sql<{ n: number }[]>`
    with requeued as (
      update activities set classified_at = null, run_after = now(), attempts = 0, last_error = null
      where installation_id = ${scope.installationId}
        and classified_at is not null
        ${scope.repoId == null ? sql`` : sql`and repo_id = ${scope.repoId}`}
        ${scope.repo == null ? sql`` : sql`and lower(activity->'repo'->>'fullName') = lower(${scope.repo})`}
        ${scope.since == null ? sql`` : sql`and occurred_at >= ${scope.since}`}
      returning 1
    )
    select count(*)::int as n from requeued
  `;
};

/** Hands a scope's classified activities back to the classify stage; returns how many. */
export const requeueInbox = async (sql: Sql, scope: InboxScope): Promise<number> => {
  const [row] = await requeueInboxQuery(sql, scope);
  return row?.n ?? 0;
};

/** How many activities wait for the classify stage, of one installation or of all. */
export const countWaiting = async (sql: Sql, installationId?: number): Promise<number> => {
  const [row]: [{ n: number }?] =
    installationId === undefined
      ? await sql`select count(*)::int as n from activities where classified_at is null`
      : await sql`
          select count(*)::int as n from activities
          where installation_id = ${installationId} and classified_at is null
        `;
  return row?.n ?? 0;
};
