import type { Logger } from "pino";
import { backoffMs } from "../backoff.js";
import { needsPullRequestFiles } from "../classify/classify.js";
import { orderRules } from "../classify/order-rules.js";
import { createPathClassifierCache } from "../classify/path-kinds.js";
import type { ParsedConfig } from "../config/parse-config.js";
import { repoConfigLoader } from "../github/load-repo-config.js";
import type { Octokit } from "../github/octokit.js";
import { pullKey, readFilesBatch } from "../github/read-files-batch.js";
import { readOnlyGraphql } from "../github/read-only-graphql.js";
import { createSharedFileReads } from "../github/read-pull-request-files.js";
import { createPollLoop, type RoundOutcome } from "../poll-loop.js";
import type { Sql } from "../store/db.js";
import type { DeliveryWriter } from "../store/delivery-writer.js";
import { type ClaimedEntry, claimInbox, isHistoryDelivery, retryInbox } from "../store/inbox.js";
import { findStoredFileLists, pullRequestKeyOf, saveFileLists } from "../store/pull-request-files.js";
import { type DeliveryRecord, recordDeliveries } from "../store/record-credits.js";
import type { Activity } from "../vocabulary/activity.js";
import { pullRequestOf, refreshEffects } from "./delivery-effects.js";
import { classifyWithFacts, prOf, UNKNOWN_HEAD } from "./enrich.js";

export type ClassifyWorkerOptions = {
  sql: Sql;
  auth: (installationId: number) => Promise<Octokit>;
  log: Logger;
  /** Pause between claims when the last one was not full: reads of one pause share a batch. */
  pollMs?: number;
  batch?: number;
  maxAttempts?: number;
  /** Only this installation's activities (the CLI, which holds one installation's client). */
  installationId?: number;
  /** The webhooks' writer in this process: while deliveries wait on the store, classifying gives way. */
  deliveries?: Pick<DeliveryWriter, "deliveriesWaited">;
};

/** How often a classify stage giving way looks whether deliveries still wait on the store. */
export const GIVE_WAY_CHECK_MS = 100;
/** How long the classify stage gives way at most, while deliveries keep waiting, before it takes a round. */
export const GIVE_WAY_MS = 5_000;
/** Past this wait, the oldest activity's credits matter more than giving way: classifying goes on. */
export const GIVE_WAY_MAX_LAG_MS = 30_000;

/**
 * When the classify stage's next round is due: at once after a full claim, else after the poll
 * pause, so that reads gather into batches. But answering GitHub comes first: while deliveries
 * wait on the store, the stage gives way for up to five seconds between rounds, so that a burst
 * is answered with nearly all of the machine; it goes on as soon as no delivery waits any more,
 * and regardless once the oldest activity it took had waited 30 s (a load that never lets up
 * still gets its credits).
 */
export const nextRound = ({
  full,
  deliveriesWaited,
  oldestWaitMs,
}: {
  full: boolean;
  deliveriesWaited: boolean;
  oldestWaitMs: number;
}): RoundOutcome => {
  if (!full) return false;
  if (!deliveriesWaited || oldestWaitMs >= GIVE_WAY_MAX_LAG_MS) return true;
  return { afterMs: GIVE_WAY_MS };
};

/**
 * The classify stage's pacing between rounds (`nextRound`), remembering how long it is giving
 * way: `hold` before a round keeps it waiting while deliveries still wait and time is left (a
 * burst that starts between rounds is given way to as well: measured, a round in the middle of
 * one cost a sixth of the deliveries answered); `after` a round says what comes next.
 */
export const createPacing = (
  deliveries: Pick<DeliveryWriter, "deliveriesWaited"> | undefined,
  now: () => number = () => performance.now(),
) => {
  let givingWayUntil: number | null = null;
  // The last round's oldest activity had waited too long to give way any more.
  let behind = false;
  return {
    hold: (): RoundOutcome | null => {
      const waited = deliveries?.deliveriesWaited() ?? false;
      if (!waited || behind) {
        givingWayUntil = null;
        return null;
      }
      givingWayUntil ??= now() + GIVE_WAY_MS;
      if (now() < givingWayUntil) return { afterMs: GIVE_WAY_CHECK_MS };
      givingWayUntil = null;
      return null;
    },
    after: (round: { full: boolean; oldestWaitMs: number }): RoundOutcome => {
      behind = round.oldestWaitMs >= GIVE_WAY_MAX_LAG_MS;
      const next = nextRound({ ...round, deliveriesWaited: deliveries?.deliveriesWaited() ?? false });
      if (typeof next !== "object") return next;
      givingWayUntil = now() + next.afterMs;
      return { afterMs: GIVE_WAY_CHECK_MS };
    },
  };
};

/**
 * Entries of a batch classified at once. Each asks the store a few questions; a whole batch at
 * once put hundreds of queries in flight on a connection, and postgres.js 3.4 sends a
 * transaction's BEGIN without keeping the connection for it when that BEGIN is the query that
 * fills the connection's pipeline (porsager/postgres#1189): on the embedded store's single
 * connection, a delivery written beside the classify stage then failed.
 */
export const ENTRIES_IN_FLIGHT = 16;

/**
 * What classifying one activity implies besides its credits: its PR's outputs (not for history,
 * which gets no check runs or comments), a ready mark.
 */
const effectsOf = (entry: ClaimedEntry, config: ParsedConfig["config"]): DeliveryRecord["effects"] => {
  const { activity } = entry;
  const pr = pullRequestOf(activity);
  if (!pr) return {};
  return {
    ...(isHistoryDelivery(entry.deliveryId) ? {} : refreshEffects(pr, activity.type === "pr_merged")),
    ...(activity.type === "pr_ready"
      ? {
          ready: {
            installationId: pr.installationId,
            repoId: pr.repoId,
            number: pr.number,
            subjectKey: `${pr.repo}#${pr.number}`,
            readyAt: activity.at,
            waitHours: config.unblocking.wait_hours,
            rules: orderRules(config).ready,
          },
        }
      : {}),
  };
};

/**
 * The classify stage: the one way activities become credits. Each round takes a batch of inbox
 * entries, and per installation gathers what the rules need with one client (the repository's
 * config, PR file lists many PRs to a GraphQL query, whether a merged PR carries a pushed
 * commit), runs the pure rules, and in one transaction stores the credits, the GitHub writes they
 * imply and that the entries are classified. A failed read is retried with backoff; the credits
 * do not depend on when.
 */
export const createClassifyWorker = (options: ClassifyWorkerOptions) => {
  const {
    sql,
    auth,
    log,
    pollMs = 500,
    batch = 200,
    maxAttempts = 10,
    installationId: only,
    deliveries,
  } = options;
  const classifierFor = createPathClassifierCache();
  const readFiles = createSharedFileReads();

  /**
   * Reads the files of every PR these activities need and the store lacks, many PRs to a GraphQL
   * query (read-only, so not spaced out like the installation's writes), and stores them:
   * classifying then finds them. The store is asked once for all of them, and the lists read are
   * saved in one statement. A PR left out (gone, more than 100 files) or a failed query is read
   * one by one while classifying, and so is a lone PR (one REST read costs what one query does).
   */
  const prefetchFiles = async (octokit: Octokit, activities: readonly Activity[]) => {
    const needed = activities.flatMap((activity) => {
      const pr = prOf(activity);
      if (!pr || !needsPullRequestFiles(activity)) return [];
      const key = { installationId: activity.installationId, repoId: activity.repo.id, number: pr.number };
      return [
        {
          key,
          headSha: pr.headSha,
          ref: { owner: activity.repo.owner, name: activity.repo.name, number: pr.number },
        },
      ];
    });
    const stored = await findStoredFileLists(
      sql,
      needed.map((need) => ({ ...need.key, headSha: need.headSha })),
    );
    const wanted = needed.filter((need) => !stored.has(pullRequestKeyOf(need.key)));
    const refs = [...new Map(wanted.map((want) => [pullKey(want.ref), want.ref])).values()];
    if (refs.length < 2) return;
    try {
      const found = await readFilesBatch({ graphql: readOnlyGraphql(octokit) }, refs);
      await saveFileLists(
        sql,
        wanted.flatMap((want) => {
          const files = found.get(pullKey(want.ref));
          return files ? [{ key: want.key, headSha: want.headSha ?? UNKNOWN_HEAD, files }] : [];
        }),
      );
    } catch (error) {
      log.warn({ err: error, pulls: refs.length }, "batched file read failed; reading one by one");
    }
  };

  /**
   * Classifies one installation's entries with one client; an entry whose read fails waits for
   * its retry without holding back the others.
   */
  const classifyInstallation = async (installationId: number, entries: readonly ClaimedEntry[]) => {
    const octokit = await auth(installationId);
    const github = { octokit, readFiles };
    const configOf = repoConfigLoader(sql, octokit, installationId, log);
    await prefetchFiles(
      octokit,
      entries.map(({ activity }) => activity),
    );
    const classifyEntry = async (entry: ClaimedEntry): Promise<DeliveryRecord> => {
      const { config } = await configOf(entry.activity.repo);
      if (config.opt_out) return { dropped: [entry], credits: [] };
      const kindOf = classifierFor(config.paths);
      return {
        settled: [entry],
        credits: await classifyWithFacts(sql, github, entry.activity, config, kindOf),
        order: orderRules(config),
        effects: effectsOf(entry, config),
      };
    };
    const results: PromiseSettledResult<DeliveryRecord>[] = new Array(entries.length);
    const next = entries.entries();
    const lane = async () => {
      for (const [index, entry] of next) {
        try {
          results[index] = { status: "fulfilled", value: await classifyEntry(entry) };
        } catch (reason) {
          results[index] = { status: "rejected", reason };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(ENTRIES_IN_FLIGHT, entries.length) }, lane));
    const done: DeliveryRecord[] = [];
    for (const [index, result] of results.entries()) {
      if (result.status === "fulfilled") done.push(result.value);
      else await retry([entries[index] as ClaimedEntry], result.reason);
    }
    return done;
  };

  const retry = async (entries: readonly ClaimedEntry[], error: unknown) => {
    const status = (error as { status?: number }).status;
    for (const entry of entries) {
      const entryLog = log.child({ installation: entry.installationId, activity: entry.key });
      if (entry.attempts >= maxAttempts) {
        entryLog.error(
          { status, err: error, attempts: entry.attempts },
          "activity could not be classified; dropped",
        );
        await retryInbox(sql, [entry], String(error), null);
      } else {
        entryLog.warn({ status, err: error }, "activity not classified yet; will retry");
        await retryInbox(sql, [entry], String(error), backoffMs(entry.attempts, { capMs: 600_000 }));
      }
    }
  };

  /** Claims and classifies one batch; returns how many entries it took, and how long the oldest had waited. */
  const runRound = async (): Promise<{ taken: number; oldestWaitMs: number }> => {
    const { entries, unreadable, oldestWaitMs } = await claimInbox(
      sql,
      batch,
      only === undefined ? {} : { installationId: only },
    );
    if (unreadable.length > 0) {
      log.error(
        { activities: unreadable.map((entry) => entry.key) },
        "inbox entries that are no activity; dropped",
      );
      await retryInbox(sql, unreadable, "not an activity", null);
    }
    const byInstallation = new Map<number, ClaimedEntry[]>();
    for (const entry of entries)
      byInstallation.set(entry.installationId, [...(byInstallation.get(entry.installationId) ?? []), entry]);
    const done: DeliveryRecord[] = [];
    for (const [installationId, ofInstallation] of byInstallation) {
      try {
        done.push(...(await classifyInstallation(installationId, ofInstallation)));
      } catch (error) {
        await retry(ofInstallation, error);
      }
    }
    const taken = { taken: entries.length + unreadable.length, oldestWaitMs };
    if (done.length === 0) return taken;
    try {
      await recordDeliveries(sql, done);
    } catch (error) {
      const claimed = new Map(entries.map((entry) => [`${entry.installationId}:${entry.key}`, entry]));
      const failed = done
        .flatMap((record) => [...(record.settled ?? []), ...(record.dropped ?? [])])
        .flatMap((key) => claimed.get(`${key.installationId}:${key.key}`) ?? []);
      await retry(failed, error);
      return taken;
    }
    log.info({ activities: done.length }, "activities classified");
    return taken;
  };

  const runOnce = async (): Promise<number> => (await runRound()).taken;

  const pacing = createPacing(deliveries);
  const loop = createPollLoop({
    round: async () => {
      const held = pacing.hold();
      if (held) return held;
      const { taken, oldestWaitMs } = await runRound();
      return pacing.after({ full: taken >= batch, oldestWaitMs });
    },
    pollMs,
    log,
    failure: "could not claim activities to classify",
  });

  return {
    runOnce,
    /** Classifies every waiting activity that is due (tests, the demo); returns how many. */
    drain: async (): Promise<number> => {
      let total = 0;
      for (let ran = await runOnce(); ran > 0; ran = await runOnce()) total += ran;
      return total;
    },
    start: loop.start,
    stop: loop.stop,
  };
};

export type ClassifyWorker = ReturnType<typeof createClassifyWorker>;
