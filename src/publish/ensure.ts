import type { Octokit } from "../github/octokit.js";
import { type GitHubWrite, isNotFound, performWrite, type WriteOptions } from "./github-write.js";

export type EnsureOutcome = "created" | "updated" | "unchanged";

/** What keeping one output in step on GitHub takes; `Found` is how the app's own item is known. */
export type EnsureSteps<Found> = {
  /** The app's own item, as remembered or found by its marker among the app's own; null: there is none. */
  find: () => Promise<Found | null>;
  /** The write from `found` (null: create) to what the item should say; null when it says that already. */
  plan: (found: Found | null) => GitHubWrite | null | Promise<GitHubWrite | null>;
  /** Noted before a create, so a retry after a create whose answer was lost looks before creating. */
  beforeCreate?: () => Promise<void>;
  /** Remembers what was written: `found`, or the item GitHub answered a create with. */
  remember: (found: Found | null, answer: Record<string, unknown> | null) => Promise<void>;
  /** A remembered item GitHub no longer has (someone deleted it): create it again, once. */
  recreateWhenGone?: boolean;
};

/**
 * The one writer behind every output: find the app's own item, plan the write that brings it to
 * what it should say, then perform it (or, on a dry run, log the plan and remember nothing).
 * An item is created only when none was found, and edited only when its text changed.
 */
export const ensure = async <Found>(
  octokit: Octokit,
  steps: EnsureSteps<Found>,
  options: WriteOptions,
): Promise<{ outcome: EnsureOutcome; write: GitHubWrite | null }> => {
  const bringTo = async (found: Found | null) => {
    const write = await steps.plan(found);
    if (!write) return { outcome: "unchanged" as const, write: null };
    if (found === null && !options.dryRun) await steps.beforeCreate?.();
    const answer = await performWrite(octokit, write, options);
    if (!options.dryRun) await steps.remember(found, answer);
    return { outcome: found === null ? ("created" as const) : ("updated" as const), write };
  };
  const found = await steps.find();
  try {
    return await bringTo(found);
  } catch (error) {
    if (steps.recreateWhenGone && found !== null && isNotFound(error)) return bringTo(null);
    throw error;
  }
};

/** The id GitHub answered a create with, if it did. */
export const answeredId = (answer: Record<string, unknown> | null, key = "id"): number | null =>
  typeof answer?.[key] === "number" ? (answer[key] as number) : null;
