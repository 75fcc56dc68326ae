import type { PathKind } from "../config/schema.js";
import type { ChangedFile } from "../vocabulary/credit.js";
import type { PathClassifier } from "./path-kinds.js";

/** How a change splits across path kinds: a share of its size per kind, and which kinds it touches. */
export type ChangeProfile = { touched: Set<PathKind>; share: (kind: PathKind) => number };

/** For deciding "mostly docs", a design document counts as docs: writing one is documentation. */
const shareKind = (kind: PathKind): PathKind => (kind === "design" ? "docs" : kind);

const profile = (entries: { kind: PathKind; size: number }[]): ChangeProfile => {
  const total = entries.reduce((sum, entry) => sum + entry.size, 0);
  const sizes = new Map<PathKind, number>();
  for (const { kind, size } of entries) sizes.set(shareKind(kind), (sizes.get(shareKind(kind)) ?? 0) + size);
  return {
    touched: new Set(entries.map((entry) => entry.kind)),
    share: (kind) => (total === 0 ? 0 : (sizes.get(kind) ?? 0) / total),
  };
};

/** A PR is judged by changed lines; a PR whose files changed no lines (renames, binaries) by file count. */
export const profilePullRequest = (files: readonly ChangedFile[], kindOf: PathClassifier): ChangeProfile => {
  const lines = files.reduce((sum, file) => sum + file.additions + file.deletions, 0);
  return profile(
    files.map((file) => ({
      kind: kindOf(file.path),
      size: lines === 0 ? 1 : file.additions + file.deletions,
    })),
  );
};

/** A pushed commit is judged by number of files. */
export const profileCommit = (paths: readonly string[], kindOf: PathClassifier): ChangeProfile =>
  profile(paths.map((path) => ({ kind: kindOf(path), size: 1 })));

/** "Mostly" means more than half. */
export const isMostly = (change: ChangeProfile, kind: PathKind): boolean => change.share(kind) > 0.5;
