import { isBotLogin, toIso } from "../events/refs.js";
import type { Activity, Actor, ItemRef, RepoRef } from "../vocabulary/activity.js";
import type { ChangedFile } from "../vocabulary/credit.js";
import type { GraphqlActor } from "./history-schemas.js";

/** What every mapped activity shares: the installation, the repository, the window's start. */
export type HistoryScope = { installationId: number; repo: RepoRef; since: string };

/** An activity with the facts its rules need that history already holds. */
export type HistoryEntry = {
  activity: Activity;
  /** The PR's changed files, for activities on a pull request. */
  files?: readonly ChangedFile[];
  /** For a commit on the default branch: a merged PR brought it in (and gets the credit). */
  commitInMergedPr?: boolean;
  /** For closing an issue: the open issues recorded as blocked by it then, with their authors. */
  blocked?: readonly Pick<ItemRef, "url" | "author">[];
};

/** GitHub's stand-in for a deleted account, as webhooks name it. */
export const GHOST: Actor = { login: "ghost", id: 10137, bot: false };

/**
 * A GraphQL actor as webhooks would name it: bots carry `[bot]` in webhook logins but not in
 * GraphQL, and their ids are the same `databaseId`. A deleted account is null.
 */
export const toHistoryActor = (actor: GraphqlActor | undefined): Actor | null => {
  if (!actor) return null;
  const bot = actor.__typename === "Bot";
  const login = bot && !isBotLogin(actor.login) ? `${actor.login}[bot]` : actor.login;
  return { login, id: actor.databaseId ?? null, bot: bot || isBotLogin(login) };
};

export const labelNames = (labels: { nodes: { name: string }[] }): string[] =>
  labels.nodes.map((label) => label.name);

export const toItem = (
  kind: ItemRef["kind"],
  node: {
    number: number;
    url: string;
    author: GraphqlActor;
    authorAssociation: string;
    labels: { nodes: { name: string }[] };
    createdAt: string;
    title?: string | null | undefined;
  },
): ItemRef => ({
  kind,
  number: node.number,
  url: node.url,
  author: toHistoryActor(node.author) ?? GHOST,
  authorAssociation: node.authorAssociation,
  labels: labelNames(node.labels),
  createdAt: toIso(node.createdAt),
  ...(node.title ? { title: node.title } : {}),
});

/** Only what happened inside the window is imported. */
export const withinWindow = (scope: HistoryScope, entries: HistoryEntry[]): HistoryEntry[] =>
  entries.filter((entry) => entry.activity.at >= scope.since);

export const baseOf = (scope: HistoryScope, actor: Actor, at: string) => ({
  installationId: scope.installationId,
  repo: scope.repo,
  actor,
  at: toIso(at),
});
