import type { Context } from "probot";
import { z } from "zod";
import { createPathClassifierCache } from "../classify/path-kinds.js";
import { normalize } from "../events/normalize.js";
import { createSharedFileReads, type SharedFileReads } from "../github/read-pull-request-files.js";
import type { Sql } from "../store/db.js";
import { createDeliveryWriter, type DeliveryWriter } from "../store/delivery-writer.js";
import { forgetCachedConfig } from "../store/repo-config-cache.js";
import { classifyLaterJobs } from "./classify-later.js";
import { pullRequestEffects, touchedPullRequest } from "./delivery-effects.js";
import { classifyWithFacts } from "./enrich.js";
import { CONFIG_FILE, createSharedConfigLoads, type SharedConfigLoads } from "./load-repo-config.js";

const configPush = z.object({
  installation: z.object({ id: z.number() }),
  repository: z.object({ id: z.number(), name: z.string() }),
  commits: z.array(
    z.object({ added: z.array(z.string()), modified: z.array(z.string()), removed: z.array(z.string()) }),
  ),
});

/** State some rules need later, kept from events that earn no credit themselves. */
const rememberState = async (sql: Sql, context: Context, configs: SharedConfigLoads): Promise<void> => {
  if (context.name !== "push") return;
  const push = configPush.safeParse(context.payload);
  if (push.success) {
    const touched = push.data.commits.flatMap((c) => [...c.added, ...c.modified, ...c.removed]);
    if (touched.some((path) => path.toLowerCase() === `.github/${CONFIG_FILE}`)) {
      const orgWide = push.data.repository.name === ".github";
      const repoId = orgWide ? null : push.data.repository.id;
      await forgetCachedConfig(sql, push.data.installation.id, repoId);
      configs.forget(push.data.installation.id, repoId);
    }
  }
};

/**
 * What deliveries handled by one app share: compiled path classifiers, the config loads and PR
 * file reads under way, and the transactions deliveries are written in.
 */
export type IngestReuse = {
  /** Classify activities that need a GitHub read later, off the webhook path (a worker runs). */
  deferReads: boolean;
  classifierFor: ReturnType<typeof createPathClassifierCache>;
  loadConfig: SharedConfigLoads;
  readFiles: SharedFileReads;
  writer: DeliveryWriter;
};

export const createIngestReuse = (sql: Sql, { deferReads = false } = {}): IngestReuse => ({
  deferReads,
  classifierFor: createPathClassifierCache(),
  loadConfig: createSharedConfigLoads(),
  readFiles: createSharedFileReads(),
  writer: createDeliveryWriter(sql),
});

/**
 * One webhook delivery through the pipeline: normalise → classify → store, with the PR
 * state and the GitHub writes it implies queued in the same transaction, and with `deferReads`
 * the activities that need a GitHub read queued for the classify worker. A payload Gluework
 * cannot read is logged and skipped (2xx); a store failure, or GitHub failing to give the
 * repository's config (or, without `deferReads`, a PR's files), is thrown so the delivery answers
 * 5xx and GitHub redelivers it.
 */
export const ingestDelivery = async (
  sql: Sql,
  context: Context,
  reuse: IngestReuse = createIngestReuse(sql),
): Promise<void> => {
  await rememberState(sql, context, reuse.loadConfig);
  const normalised = normalize(context.name, context.payload);
  if (!normalised.ok) {
    if (normalised.reason === "malformed-payload") {
      context.log.warn(
        { event: context.name, detail: normalised.detail },
        "payload skipped: fields missing or malformed",
      );
    }
    return;
  }
  const touched = touchedPullRequest(context.name, context.payload);
  const [first] = normalised.activities;
  const target = first
    ? { installationId: first.installationId, repo: { id: first.repo.id, fullName: first.repo.fullName } }
    : touched && {
        installationId: touched.pr.installationId,
        repo: { id: touched.pr.repoId, fullName: touched.pr.repo },
      };
  if (!target) return;
  const log = context.log.child({ installation: target.installationId, repo: target.repo.fullName });
  const { config } = await reuse.loadConfig.load(sql, context, target.repo, target.installationId);
  if (config.opt_out) {
    log.debug("repository opted out, nothing recorded");
    return;
  }
  const kindOf = reuse.classifierFor(config.paths);
  const github = reuse.deferReads ? null : { octokit: context.octokit, readFiles: reuse.readFiles };
  const credits = [];
  const later = [];
  for (const activity of normalised.activities) {
    const classified = await classifyWithFacts(sql, github, activity, config, kindOf);
    if (classified) credits.push(...classified);
    else later.push(activity);
  }
  const prEffects = touched ? pullRequestEffects(touched, config.unblocking.wait_hours) : {};
  const effects = {
    ...prEffects,
    jobs: [...(prEffects.jobs ?? []), ...classifyLaterJobs(context.id, later)],
  };
  const fresh = await reuse.writer.record({
    delivery: { installationId: target.installationId, deliveryId: context.id, event: `${context.name}` },
    credits,
    support: {
      answer: config.weights["support.answer"],
      firstResponse: config.weights["support.first-response"],
    },
    effects,
  });
  log.info({ event: context.name, credits: credits.length, fresh, later: later.length }, "delivery recorded");
};
