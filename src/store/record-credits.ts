import type { Credit } from "../classify/credit.js";
import type { Sql, Tx } from "./db.js";
import { enqueueJobsQuery, type OutboxJob } from "./outbox.js";
import { saveReadyAt } from "./pull-request-files.js";
import { type PullRequestState, savePullRequestsQuery } from "./pull-requests.js";

export type Delivery = { installationId: number; deliveryId: string; event: string };

/** Weights of the two support rules, so re-ranking keeps each credit's configured weight. */
export type SupportWeights = { answer: number; firstResponse: number };

const toRow = (credit: Credit) => ({
  installation_id: credit.installationId,
  source_key: credit.sourceKey,
  repo_id: credit.repoId,
  repo: credit.repo,
  repo_private: credit.repoPrivate,
  actor_login: credit.actorLogin,
  actor_id: credit.actorId,
  category: credit.category,
  rule: credit.rule,
  weight: credit.weight,
  subject_type: credit.subjectType,
  subject_key: credit.subjectKey,
  url: credit.url,
  occurred_at: credit.occurredAt,
  detail: credit.detail ?? null,
});

/** What a delivery implies besides credits: PR state to remember and GitHub writes to make. */
export type DeliveryEffects = {
  jobs?: readonly OutboxJob[];
  pullRequests?: readonly PullRequestState[];
  /** A draft marked ready: waiting time starts here, so earlier stale-review credits may no longer hold. */
  ready?: {
    installationId: number;
    repoId: number;
    number: number;
    subjectKey: string;
    readyAt: string;
    waitHours: number;
  };
};

const markReady = async (tx: Tx, ready: NonNullable<DeliveryEffects["ready"]>): Promise<void> => {
  await saveReadyAt(tx as unknown as Sql, ready, ready.readyAt);
  await tx`
    delete from credits
    where installation_id = ${ready.installationId} and subject_key = ${ready.subjectKey}
      and rule = 'unblock.stale-review'
      and occurred_at <= ${ready.readyAt}::timestamptz + make_interval(hours => ${ready.waitHours})
  `;
};

const CREDIT_COLUMNS = [
  "installation_id",
  "source_key",
  "repo_id",
  "repo",
  "repo_private",
  "actor_login",
  "actor_id",
  "category",
  "rule",
  "weight",
  "subject_type",
  "subject_key",
  "url",
  "occurred_at",
  "detail",
] as const;

/**
 * Stores credits; a source key seen before keeps the earliest activity (then the smallest rule
 * id). People who opted out are left out in the statement itself (not recorded again until they
 * opt back in), so it needs no earlier read and can be pipelined.
 */
const insertCredits = (tx: Tx, credits: readonly Credit[]) => {
  const columns = tx(CREDIT_COLUMNS as unknown as string[]);
  return tx<{ fresh: boolean }[]>`
    insert into credits (${columns})
    select ${columns} from jsonb_populate_recordset(null::credits, ${tx.json(credits.map(toRow))}) r
    where not exists (
      select 1 from opt_outs o where o.installation_id = r.installation_id and o.login = lower(r.actor_login)
    )
    on conflict (installation_id, source_key) do update set
      actor_login = excluded.actor_login,
      actor_id = excluded.actor_id,
      rule = excluded.rule,
      category = excluded.category,
      weight = excluded.weight,
      url = excluded.url,
      occurred_at = excluded.occurred_at,
      detail = excluded.detail
    where (excluded.occurred_at, excluded.rule) < (credits.occurred_at, credits.rule)
    returning (xmax = 0) as fresh
  `;
};

/**
 * Takes the items this delivery settles, one transaction at a time per item (in a fixed order,
 * so two deliveries never wait on each other in a circle). Without it, two deliveries about one
 * item committing at once each see only their own answer and both call it the first response.
 */
const lockSubjects = (
  tx: Tx,
  installationId: number,
  credits: readonly Credit[],
  ready?: { subjectKey: string },
) => {
  const keys = [
    ...new Set([...credits.map((c) => c.subjectKey), ...(ready ? [ready.subjectKey] : [])]),
  ].sort();
  return tx`
    select pg_advisory_xact_lock(hashtextextended(${`${installationId}:`} || key, 0))
    from unnest(${keys}::text[]) as key
  `;
};

/**
 * Records one delivery and its credits, all or nothing. A source key seen before keeps the
 * earliest activity (then the smallest rule id), so the ledger does not depend on the order
 * or number of deliveries. The PR state and outbox jobs the delivery implies are written in the
 * same transaction. Returns how many credit rows were new.
 *
 * The statements go to the server together (pipelined, one round trip) and run in the order
 * written; none depends on an answer read back in between.
 */
export const recordCredits = async (
  sql: Sql,
  delivery: Delivery,
  credits: readonly Credit[],
  support: SupportWeights,
  effects: DeliveryEffects = {},
): Promise<number> =>
  sql.begin(async (tx) => {
    const lock =
      credits.length > 0 || effects.ready
        ? lockSubjects(tx, delivery.installationId, credits, effects.ready)
        : null;
    if (effects.ready) {
      await lock;
      await markReady(tx, effects.ready);
    }
    const inserted = credits.length > 0 ? insertCredits(tx, credits) : null;
    const statements = [
      // Pipelined first, the lock is still taken before anything else runs.
      effects.ready ? null : lock,
      tx`
        insert into installations (installation_id) values (${delivery.installationId})
        on conflict do nothing
      `,
      tx`
        insert into deliveries (installation_id, delivery_id, event, credits)
        values (${delivery.installationId}, ${delivery.deliveryId}, ${delivery.event}, ${credits.length})
        on conflict do nothing
      `,
      savePullRequestsQuery(tx, effects.pullRequests ?? []),
      enqueueJobsQuery(tx, effects.jobs ?? []),
      inserted,
      ...settleOrderRules(tx, delivery.installationId, credits, support),
    ].filter((statement) => statement !== null);
    for (const statement of statements) statement.execute();
    await Promise.all(statements);
    return inserted ? (await inserted).filter((row) => row.fresh).length : 0;
  });

/**
 * Rules that depend on what came first on an item, made true whatever order deliveries
 * arrived in: a stale-review credit stands only while no earlier review exists, and the
 * earliest member answer on an item is its first response.
 */
const settleOrderRules = (
  tx: Tx,
  installationId: number,
  credits: readonly Credit[],
  support: SupportWeights,
) => {
  const statements = [];
  const reviewed = [
    ...new Set(credits.filter((c) => c.subjectType === "pull_request").map((c) => c.subjectKey)),
  ];
  if (reviewed.length > 0) {
    statements.push(tx`
      delete from credits stale
      where stale.installation_id = ${installationId}
        and stale.subject_key in ${tx(reviewed)}
        and stale.rule = 'unblock.stale-review'
        and exists (
          select 1 from credits earlier
          where earlier.installation_id = stale.installation_id
            and earlier.subject_key = stale.subject_key
            and earlier.rule in ('review.submitted', 'review.design', 'review.comment')
            and earlier.occurred_at < stale.occurred_at
        )
    `);
  }
  const answered = [...new Set(credits.filter((c) => c.category === "support").map((c) => c.subjectKey))];
  if (answered.length > 0) {
    statements.push(tx`
      update credits c set
        rule = case when c.source_key = first.source_key then 'support.first-response' else 'support.answer' end,
        weight = case when c.source_key = first.source_key then ${support.firstResponse}::real else ${support.answer}::real end
      from (
        select distinct on (subject_key) subject_key, source_key
        from credits
        where installation_id = ${installationId}
          and subject_key in ${tx(answered)}
          and rule in ('support.answer', 'support.first-response')
        order by subject_key, occurred_at, source_key
      ) first
      where c.installation_id = ${installationId}
        and c.subject_key = first.subject_key
        and c.rule in ('support.answer', 'support.first-response')
    `);
  }
  return statements;
};
