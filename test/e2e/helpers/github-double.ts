import {
  type GitHubDouble as CoreDouble,
  type RecordedRequest,
  startGitHubDouble as startCore,
  type UnexpectedRequest,
} from "../../../src/github-double/start-github-double.js";
import type { GraphqlDouble } from "../../helpers/history/graphql-double.js";
import { historyRoutes } from "../../helpers/history/history-routes.js";
import type { Delivery, DeliveryAnswer } from "./deliver.js";
import { type Fault, faultLayer } from "./github-faults.js";
import { graphqlEndpoint } from "./github-graphql.js";
import { type HistoryHold, heldHistory } from "./github-history.js";
import { createHookLog, type HookAttempt, hookRoutes, sendHook } from "./github-hooks.js";
import { openApiLayer } from "./github-validation.js";

export type { Fault, RecordedRequest, UnexpectedRequest };

/** The GitHub double with the end-to-end suite's plug-ins: faults, webhooks, history, validation. */
export type GitHubDouble = CoreDouble & {
  /**
   * Serves `history` to the installation's GraphQL queries and backfill's REST reads; with
   * `holdAfter`, queries after that many are kept back until the hold is released.
   */
  serveHistory: (installationId: number, history: GraphqlDouble, holdAfter?: number) => HistoryHold | null;
  fail: (fault: Fault) => Fault;
  /** Sends webhook deliveries to `url` from now on, signed with `secret`. */
  hookTo: (url: string, secret: string) => void;
  /**
   * Sends deliveries as GitHub does, logging each attempt's outcome: one at a time, or with
   * `spreadOverMs` on a schedule, one every `spreadOverMs / n` (each on its own, as GitHub sends
   * events as they happen), returning once every answer is in and `spreadOverMs` have passed.
   */
  sendHooks: (
    deliveries: readonly Delivery[],
    options?: { spreadOverMs?: number },
  ) => Promise<DeliveryAnswer[]>;
  /** GitHub's log of delivery attempts, oldest first. */
  hookAttempts: () => HookAttempt[];
  /** Waits for the redeliveries the app asked for that are still being sent. */
  redeliveriesSent: () => Promise<void>;
};

/**
 * The GitHub double as the end-to-end suite runs it, reached by Probot through GHE_HOST: app
 * JWTs checked against the app's public key, write bodies checked against GitHub's OpenAPI
 * description, faults injected on demand, webhooks sent to the app with GitHub's delivery log,
 * and GraphQL answered from a synthetic history or the PRs the double holds.
 */
export const startGitHubDouble = async (options: {
  appId: number;
  publicKey: string;
}): Promise<GitHubDouble> => {
  const faults: Fault[] = [];
  const hooks = createHookLog();
  const histories = new Map<number, GraphqlDouble>();
  const core = await startCore({
    app: { id: options.appId, publicKey: options.publicKey },
    routes: [
      ...hookRoutes(hooks),
      ...historyRoutes((id) => (id === null ? undefined : histories.get(id)), graphqlEndpoint),
    ],
    layers: [faultLayer(faults), openApiLayer],
  });
  return {
    ...core,
    serveHistory: (installationId, history, holdAfter) => {
      if (holdAfter === undefined) {
        histories.set(installationId, history);
        return null;
      }
      const held = heldHistory(history, holdAfter);
      histories.set(installationId, held.history);
      return held.hold;
    },
    fail: (fault) => {
      faults.push(fault);
      return fault;
    },
    hookTo: (url, secret) => {
      hooks.target = { url, secret };
    },
    sendHooks: async (deliveries, { spreadOverMs } = {}) => {
      if (spreadOverMs === undefined) {
        const answers: DeliveryAnswer[] = [];
        for (const delivery of deliveries) answers.push(await sendHook(hooks, delivery));
        return answers;
      }
      const start = Date.now();
      const until = (at: number) =>
        new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
      const gap = spreadOverMs / Math.max(1, deliveries.length);
      const answers = await Promise.all(
        deliveries.map(async (delivery, index) => {
          await until(start + index * gap);
          return sendHook(hooks, delivery);
        }),
      );
      await until(start + spreadOverMs);
      return answers;
    },
    hookAttempts: () => [...hooks.attempts],
    redeliveriesSent: async () => {
      while (hooks.inFlight.size > 0) await Promise.all([...hooks.inFlight]);
    },
  };
};
