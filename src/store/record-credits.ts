import type { PendingQuery, Row } from "postgres";
import type { Credit } from "../vocabulary/credit.js";
import type { Sql } from "./db.js";
import {
  addToInboxQuery,
  dropFromInboxQuery,
  type InboxEntry,
  requeueInboxQuery,
  settleInboxQuery,
} from "./inbox.js";
import { type DependencyChanges, saveDependencyChangesQueries } from "./issue-dependencies.js";
import { oneTripTransaction } from "./one-trip-transaction.js";
import { optedOutRow } from "./opted-out.js";
import { enqueueJobsOnceMergedQuery, enqueueJobsQuery, type OutboxJob } from "./outbox.js";
import { saveReadyAtQuery } from "./pull-request-files.js";
import { type PullRequestState, savePullRequestsQuery } from "./pull-requests.js";
import { forgetCachedConfigQuery } from "./repo-config-cache.js";
import { saveTitlesQuery } from "./subject-titles.js";

export type Delivery = { installationId: number; deliveryId: string; event: string };

/** A rule and the weight its credits carry. */
export type WeightedRule = { rule: string; weight: number };

/**
 * Rules that depend on what came first on an item, as the classify stage states them; the store
 * applies them whatever order deliveries arrive in, under one lock per item, knowing no rule.
 */
export type OrderRules = {
  /** A credit of `rule` on an item stands only while no earlier credit of one of `unless` exists on it. */
  supersede?: readonly { rule: string; unless: readonly string[] }[];
  /** Of the credits of these two rules on an item, the earliest is `first`, every other one `rest`. */
  earliest?: readonly { first: WeightedRule; rest: WeightedRule }[];
};

/** A credit as a writer hands it over: with the inbox entry it was made of, when there is one. */
type KeyedCredit = Credit & { activityKey?: string | null };

const toRow = (credit: KeyedCredit) => ({
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
  actor_association: credit.actorAssociation ?? null,
  activity_key: credit.activityKey ?? null,
});

/** What a delivery implies besides credits: PR state to remember and GitHub writes to make. */
export type DeliveryEffects = {
  jobs?: readonly OutboxJob[];
  /** Jobs about a PR (`repoId`, `number`) to queue only if the store, PR state saved, says it is merged. */
  jobsOnceMerged?: readonly OutboxJob[];
  pullRequests?: readonly PullRequestState[];
  /** Issues recorded as blocked by others, or no longer, and blocked issues closed or reopened. */
  dependencies?: DependencyChanges;
  /** When a draft was marked ready, as its delivery says: reviews classified from now on wait from here. */
  readySeen?: { installationId: number; repoId: number; number: number; readyAt: string };
  /**
   * A push changed the config of one repository (or, null, of the organisation): drop what is
   * cached, and classify that scope's activities since `since` again.
   */
  forgetConfig?: { installationId: number; repoId: number | null; since: Date };
  /**
   * A draft marked ready: waiting time starts here, so credits of `rules` (waiting judged from an
   * earlier start) no longer hold within `waitHours` of it.
   */
  ready?: {
    installationId: number;
    repoId: number;
    number: number;
    subjectKey: string;
    readyAt: string;
    waitHours: number;
    rules: readonly string[];
  };
};

/** A draft marked ready: remember when, and drop the credits that waiting from earlier gave. */
const markReadyQueries = (tx: Sql, ready: NonNullable<DeliveryEffects["ready"]>) => [
  saveReadyAtQuery(tx, ready, ready.readyAt),
  tx`
    delete from credits
    where installation_id = ${ready.installationId} and subject_key = ${ready.subjectKey}
      and repo_id = ${ready.repoId}
      and rule in ${tx(ready.rules)}
      and occurred_at <= ${ready.readyAt}::timestamptz + make_interval(hours => ${ready.waitHours})
  `,
];

/** The credits table's columns a writer fills, in the order rows are built (also the bench's COPY). */
export const CREDIT_COLUMNS = [
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
 * opt back in; by user id also in a later installation on the same account), so it needs no
 * earlier read and can be pipelined.
 */
const insertCredits = (tx: Sql, credits: readonly KeyedCredit[]) => {
  const columns = tx([...CREDIT_COLUMNS, "actor_association", "activity_key"]);
  return tx<{ key: string; fresh: boolean }[]>`
    insert into credits (${columns})
    select ${columns} from jsonb_populate_recordset(null::credits, ${tx.json(credits.map(toRow))}) r
    where not ${optedOutRow(tx as unknown as Sql)} and not exists (
      select 1 from installations i
      join account_opt_outs a on a.account_id = i.account_id and a.user_id = r.actor_id
      where i.installation_id = r.installation_id
    )
    on conflict (installation_id, source_key) do update set
      actor_login = excluded.actor_login,
      actor_id = excluded.actor_id,
      rule = excluded.rule,
      category = excluded.category,
      weight = excluded.weight,
      url = excluded.url,
      occurred_at = excluded.occurred_at,
      detail = excluded.detail,
      actor_association = excluded.actor_association,
      activity_key = excluded.activity_key
    where (excluded.occurred_at, excluded.rule) < (credits.occurred_at, credits.rule)
    returning installation_id || ':' || source_key as key, (xmax = 0) as fresh
  `;
};

/**
 * Takes the items these deliveries settle, one transaction at a time per item, in one fixed
 * order (so two transactions never wait on each other in a circle). Without it, two deliveries
 * about one item committing at once each see only their own answer and both call it the first
 * response.
 */
const lockSubjects = (tx: Sql, keys: readonly string[]) =>
  tx`
    select pg_advisory_xact_lock(hashtextextended(key, 0))
    from unnest(${[...new Set(keys)].sort()}::text[]) with ordinality as k(key, n)
    order by n
  `;

/**
 * Statements whose effects do not depend on each other, as one (data-modifying `with` clauses):
 * one round of parse, plan and answer instead of one each. Null when none.
 */
const together = (tx: Sql, statements: readonly (PendingQuery<Row[]> | null)[]) => {
  const present = statements.filter((statement) => statement !== null);
  if (present.length <= 1) return present[0] ?? null;
  const clauses = present
    .map((statement, i) => tx`${tx(`part_${i}`)} as (${statement})`)
    .reduce((joined, clause) => tx`${joined}, ${clause}`);
  return tx`with ${clauses} select`;
};

/** How long a delivery's transaction waits for a row or advisory lock. */
export const LOCK_TIMEOUT_MS = 3_000;
/** How long one statement of a delivery's transaction may run. */
export const STATEMENT_TIMEOUT_MS = 5_000;

type InboxKey = Pick<InboxEntry, "installationId" | "key">;

/** Removes the credits these inbox entries gave when they were classified before. Null when none. */
const replaceCreditsOfQuery = (tx: Sql, entries: readonly InboxKey[]) => {
  if (entries.length === 0) return null;
  const keys = entries.map((e) => ({ installation_id: e.installationId, activity_key: e.key }));
  return tx`
    delete from credits c
    using jsonb_to_recordset(${tx.json(keys)}) as k(installation_id bigint, activity_key text)
    where c.installation_id = k.installation_id and c.activity_key = k.activity_key
  `;
};

/**
 * What one transaction records: a delivery and its activities (the inbox), or the credits the
 * classify stage made of activities, with what they imply.
 */
export type DeliveryRecord = {
  /** The webhook delivery, recorded once by its id. */
  delivery?: Delivery;
  /** Activities for the classify stage. */
  inbox?: readonly InboxEntry[];
  /** Inbox entries these credits were made of, now classified. */
  settled?: readonly InboxKey[];
  /** Inbox entries to forget (a repository that opted out keeps nothing). */
  dropped?: readonly InboxKey[];
  credits: readonly Credit[];
  order?: OrderRules;
  effects?: DeliveryEffects;
};

const timeOf = (credit: Credit) => Date.parse(credit.occurredAt);

/**
 * One credit per source key, the one the store keeps when they come one by one: the earliest
 * activity, then the smallest rule id. One statement cannot upsert a row twice.
 */
export const firstPerKey = <C extends Credit>(credits: readonly C[]): C[] => {
  const kept = new Map<string, C>();
  for (const credit of credits) {
    const key = `${credit.installationId}:${credit.sourceKey}`;
    const seen = kept.get(key);
    const earlier =
      !seen || timeOf(credit) < timeOf(seen) || (timeOf(credit) === timeOf(seen) && credit.rule < seen.rule);
    if (earlier) kept.set(key, credit);
  }
  return [...kept.values()].sort(
    (a, b) => a.installationId - b.installationId || (a.sourceKey < b.sourceKey ? -1 : 1),
  );
};

/** Several views of one PR as the upsert would leave them one after another. */
const mergeStates = (states: readonly PullRequestState[]): PullRequestState[] => {
  const merged = new Map<string, PullRequestState>();
  for (const state of states) {
    const key = `${state.installationId}:${state.repoId}:${state.number}`;
    const seen = merged.get(key);
    if (!seen) {
      merged.set(key, state);
      continue;
    }
    const newer = !state.headAt || !seen.headAt || Date.parse(state.headAt) >= Date.parse(seen.headAt);
    merged.set(key, {
      ...(newer ? state : seen),
      merged: seen.merged || state.merged,
      mergeCommitSha: state.mergeCommitSha ?? seen.mergeCommitSha ?? null,
      opened: Boolean(seen.opened || state.opened),
      headAt: [seen.headAt, state.headAt].filter(Boolean).sort().at(-1) ?? null,
    });
  }
  return [...merged.values()];
};

/**
 * Records deliveries and their credits, all or nothing, in one transaction. A source key seen
 * before keeps the earliest activity (then the smallest rule id), so the ledger does not depend
 * on the order or number of deliveries, nor on which of them share a transaction. The PR state
 * and outbox jobs they imply are written in the same transaction. Returns how many credit rows
 * each delivery added.
 *
 * BEGIN, the statements and COMMIT go to the server together (`oneTripTransaction`, one round
 * trip) and run in the order written; none depends on an answer read back in between.
 */
export const recordDeliveries = async (sql: Sql, records: readonly DeliveryRecord[]): Promise<number[]> => {
  // A credit the classify stage made of one inbox entry carries its key; classifying the entry
  // again first removes what it gave before, so a changed rule or config moves its credits.
  const credits = firstPerKey(
    records.flatMap((r) =>
      r.credits.map((credit) => ({
        ...credit,
        activityKey: r.settled?.length === 1 ? r.settled[0]?.key : null,
        origin: credit,
      })),
    ),
  );
  const reclassified = records.flatMap((r) => r.settled ?? []);
  const readies = records.flatMap((r) => (r.effects?.ready ? [r.effects.ready] : []));
  const lockKeys = [
    ...credits.map((c) => `${c.installationId}:${c.subjectKey}`),
    ...readies.map((r) => `${r.installationId}:${r.subjectKey}`),
  ];
  // The credit insert, kept for its answer: which rows are new.
  const insert: { query: ReturnType<typeof insertCredits> | null } = { query: null };
  await oneTripTransaction(sql, (tx) => {
    // Deliveries wait on this transaction: a stuck lock or statement ends it, well inside 9 s.
    const bounds = tx`
      select set_config('lock_timeout', ${`${LOCK_TIMEOUT_MS}ms`}, true),
        set_config('statement_timeout', ${`${STATEMENT_TIMEOUT_MS}ms`}, true)
    `;
    insert.query = credits.length > 0 ? insertCredits(tx, credits) : null;
    const deliveries = [
      ...new Map(
        records.flatMap(({ delivery, credits }) =>
          delivery
            ? [
                [
                  `${delivery.installationId}:${delivery.deliveryId}`,
                  {
                    installation_id: delivery.installationId,
                    delivery_id: delivery.deliveryId,
                    event: delivery.event,
                    credits: credits.length,
                  },
                ] as const,
              ]
            : [],
        ),
      ).values(),
    ];
    const installationsOf = [
      ...deliveries.map((d) => d.installation_id),
      ...records.flatMap((r) => r.credits.map((c) => c.installationId)),
    ];
    const installations = [...new Set(installationsOf)].sort((a, b) => a - b);
    const seenReady = records.flatMap((r) => (r.effects?.readySeen ? [r.effects.readySeen] : []));
    const forget = records.flatMap((r) => (r.effects?.forgetConfig ? [r.effects.forgetConfig] : []));
    // They run in the order written: the lock first, what a draft marked ready undoes next.
    return [
      bounds,
      lockKeys.length > 0 ? lockSubjects(tx, lockKeys) : null,
      ...readies.flatMap((ready) => markReadyQueries(tx, ready)),
      replaceCreditsOfQuery(tx, reclassified),
      // What arrived, in one statement: the installation, the delivery, its activities, its PRs.
      together(tx, [
        tx`
          insert into installations (installation_id)
          select * from unnest(${installations}::bigint[])
          on conflict do nothing
        `,
        deliveries.length > 0
          ? tx`
              insert into deliveries (installation_id, delivery_id, event, credits)
              select * from jsonb_to_recordset(${tx.json(deliveries)})
                as d(installation_id bigint, delivery_id text, event text, credits integer)
              on conflict do nothing
            `
          : null,
        addToInboxQuery(
          tx,
          records.flatMap((r) => r.inbox ?? []),
        ),
        savePullRequestsQuery(tx, mergeStates(records.flatMap((r) => r.effects?.pullRequests ?? []))),
      ]),
      settleInboxQuery(
        tx,
        records.flatMap((r) => r.settled ?? []),
      ),
      dropFromInboxQuery(
        tx,
        records.flatMap((r) => r.dropped ?? []),
      ),
      ...seenReady.map((ready) => saveReadyAtQuery(tx, ready, ready.readyAt)),
      ...forget.flatMap((scope) => [
        forgetCachedConfigQuery(tx, scope.installationId, scope.repoId),
        requeueInboxQuery(tx, scope),
      ]),
      enqueueJobsQuery(
        tx,
        records.flatMap((r) => r.effects?.jobs ?? []),
      ),
      enqueueJobsOnceMergedQuery(
        tx,
        records.flatMap((r) => r.effects?.jobsOnceMerged ?? []),
      ),
      insert.query,
      saveTitlesQuery(
        tx,
        records.flatMap((r) => r.credits),
      ),
      ...records.flatMap((r) =>
        r.effects?.dependencies ? saveDependencyChangesQueries(tx, r.effects.dependencies) : [],
      ),
      ...settleOrderRules(tx, records),
    ].filter((statement) => statement !== null);
  });
  const fresh = new Set(
    insert.query ? (await insert.query).filter((row) => row.fresh).map((row) => row.key) : [],
  );
  // A key several deliveries share counts for the one whose activity was kept.
  const kept = new Set(credits.map((credit) => credit.origin));
  return records.map(
    ({ credits }) =>
      credits.filter((c) => kept.has(c) && fresh.has(`${c.installationId}:${c.sourceKey}`)).length,
  );
};

/** Records one delivery (`recordDeliveries` with one); returns how many credit rows were new. */
export const recordCredits = async (
  sql: Sql,
  delivery: Delivery | undefined,
  credits: readonly Credit[],
  order: OrderRules,
  effects: DeliveryEffects = {},
): Promise<number> => {
  const [fresh = 0] = await recordDeliveries(sql, [{ delivery, credits, order, effects }]);
  return fresh;
};

/**
 * Makes the order rules true on the items these records credit, whatever order deliveries
 * arrived in: superseded credits go, and of each `earliest` pair the first credit on an item
 * takes the `first` rule and weight, every later one `rest`.
 */
const settleOrderRules = (tx: Sql, records: readonly DeliveryRecord[]) => {
  const statements = [];
  const subjects = new Map<string, { installationId: number; order: OrderRules; keys: Set<string> }>();
  for (const { credits, order } of records) {
    if (!order) continue;
    for (const credit of credits) {
      const group = `${credit.installationId}:${JSON.stringify(order)}`;
      const seen = subjects.get(group) ?? { installationId: credit.installationId, order, keys: new Set() };
      subjects.set(group, { ...seen, keys: seen.keys.add(credit.subjectKey) });
    }
  }
  for (const { installationId, order, keys } of subjects.values()) {
    // An array parameter, not a list: the same statement text for any number of items.
    const items = [...keys];
    for (const { rule, unless } of order.supersede ?? []) {
      statements.push(tx`
        delete from credits later
        where later.installation_id = ${installationId}
          and later.subject_key = any(${items}::text[])
          and later.rule = ${rule}
          and exists (
            select 1 from credits earlier
            where earlier.installation_id = later.installation_id
              and earlier.subject_key = later.subject_key
              and earlier.rule in ${tx(unless)}
              and earlier.occurred_at < later.occurred_at
          )
      `);
    }
    for (const { first, rest } of order.earliest ?? []) {
      const rules = tx([first.rule, rest.rule]);
      statements.push(tx`
        update credits c set
          rule = case when c.source_key = earliest.source_key then ${first.rule} else ${rest.rule} end,
          weight = case when c.source_key = earliest.source_key then ${first.weight}::real else ${rest.weight}::real end
        from (
          select distinct on (subject_key) subject_key, source_key
          from credits
          where installation_id = ${installationId}
            and subject_key = any(${items}::text[])
            and rule in ${rules}
          order by subject_key, occurred_at, source_key
        ) earliest
        where c.installation_id = ${installationId}
          and c.subject_key = earliest.subject_key
          and c.rule in ${rules}
      `);
    }
  }
  return statements;
};
