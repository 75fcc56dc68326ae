import type { Config } from "../config/schema.js";
import { isBotLogin } from "../events/refs.js";
import type { Activity, Actor, ItemRef } from "../vocabulary/activity.js";
import type { ChangedFile } from "../vocabulary/credit.js";
import type { PathClassifier } from "./path-kinds.js";

/** Everything a rule may look at: the activity, the config slice, and what the shell fetched. */
export type ClassifyInput = {
  activity: Activity;
  config: Config;
  kindOf: PathClassifier;
  /** The PR's changed files, when the activity is on a pull request and they could be read. */
  files?: readonly ChangedFile[] | undefined;
  /** For a pushed commit: it belongs to a merged PR, which gets the credit instead. */
  commitInMergedPr?: boolean | undefined;
  /** For closing an issue: the open issues recorded as blocked by it, with their authors. */
  blocked?: readonly Pick<ItemRef, "url" | "author">[] | undefined;
};

const lower = (values: readonly string[]) => new Set(values.map((value) => value.toLowerCase()));

export const sameActor = (a: Actor, b: Actor): boolean =>
  a.id !== null && b.id !== null ? a.id === b.id : a.login.toLowerCase() === b.login.toLowerCase();

export const hasLabel = (item: Pick<ItemRef, "labels">, labels: readonly string[]): boolean => {
  const wanted = lower(labels);
  return item.labels.some((label) => wanted.has(label.toLowerCase()));
};

/** Bots, AI agents, actions performed via a GitHub App and excluded logins never earn credit. */
export const isCreditable = (actor: Actor, config: Pick<Config, "exclude">): boolean =>
  !actor.bot && !isBotLogin(actor.login) && !lower(config.exclude.logins).has(actor.login.toLowerCase());

/** A first-time contributor: by `author_association`, and never a bot (bots often show `NONE`). */
export const isNewcomer = (item: ItemRef, config: Pick<Config, "newcomer_associations">): boolean =>
  !item.author.bot && lower(config.newcomer_associations).has(item.authorAssociation.toLowerCase());

export const isMember = (association: string, config: Pick<Config, "member_associations">): boolean =>
  lower(config.member_associations).has(association.toLowerCase());

/** Someone outside the team who asked for help: not a member, and not a bot. */
export const isOutsider = (item: ItemRef, config: Pick<Config, "member_associations">): boolean =>
  !item.author.bot && !isMember(item.authorAssociation, config);

/** A PR is a design proposal when it changes design documents or carries a design label. */
export const isDesignChange = (input: ClassifyInput, item: ItemRef): boolean =>
  hasLabel(item, input.config.labels.design) ||
  (input.files ?? []).some((file) => input.kindOf(file.path) === "design");

/** `- [ ]` and `- [x]` lines of a Markdown task list. */
export const countTaskListItems = (body: string): number =>
  body.split(/\r?\n/).filter((line) => /^\s*[-*+]\s+\[[ xX]\]\s/.test(line)).length;

export const utcDay = (iso: string): string => iso.slice(0, 10);

export const hoursBetween = (from: string, to: string): number =>
  (Date.parse(to) - Date.parse(from)) / 3_600_000;
