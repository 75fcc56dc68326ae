import { createHash } from "node:crypto";

/**
 * Deterministic stand-ins for the identifiers GitHub assigns: the same seed always gives the
 * same value, so the demo month is identical on every run.
 */

const digest = (seed: string): Buffer => createHash("sha256").update(seed).digest();

/** A 40-hex git object id. */
export const gitSha = (seed: string): string => digest(`git:${seed}`).toString("hex").slice(0, 40);

/** A GUID in the format of GitHub's `X-GitHub-Delivery` header. */
export const deliveryGuid = (seed: string): string => {
  const hex = digest(`delivery:${seed}`).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

/** Where each kind of GitHub database id starts in the demo (about where GitHub's were in 2026). */
const ID_BASES = {
  pull: 2_900_000_000,
  issue: 3_500_000_000,
  issueComment: 3_400_000_000,
  review: 3_300_000_000,
  reviewComment: 2_400_000_000,
  discussion: 9_100_000,
  discussionComment: 14_600_000,
  milestone: 13_700_000,
  release: 258_000_000,
  label: 8_800_000_000,
  issueType: 21_000_000,
} as const;

export type IdKind = keyof typeof ID_BASES;

/** A source of ids, increasing per kind in the order they are asked for, like GitHub's. */
export const idSequence = (): ((kind: IdKind) => number) => {
  const used = new Map<IdKind, number>();
  return (kind) => {
    const n = (used.get(kind) ?? 0) + 1;
    used.set(kind, n);
    return ID_BASES[kind] + n * 7919;
  };
};

/** A stable id for something GitHub creates once per repository, such as a label. */
export const stableId = (seed: string, base: number): number =>
  base + (digest(`id:${seed}`).readUInt32BE(0) % 100_000_000);
