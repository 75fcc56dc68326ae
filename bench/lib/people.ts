import { user } from "../../test/helpers/examples.js";

/** A seeded random source: [0, 1). */
export type Random = () => number;

/**
 * Picks index 0…n-1 with probability ∝ 1 / (rank + 1)^s (Zipf-like): a few people and repositories
 * carry most of the activity, as in a real organisation.
 */
export const zipf = (n: number, s = 1.1) => {
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 0; rank < n; rank += 1) {
    total += 1 / (rank + 1) ** s;
    cumulative.push(total);
  }
  return (random: Random): number => {
    const target = random() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] as number) < target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
};

export type Person = ReturnType<typeof user>;

/** `count` members (`dev0001`, …) and outsiders (`visitor0001`, …) with stable ids. */
export const people = (count: number, prefix: string, firstId: number): Person[] =>
  Array.from({ length: count }, (_, i) => user(`${prefix}${String(i + 1).padStart(4, "0")}`, firstId + i));

/** Picks one of `items` by `pick`, skipping `not` (someone else than the author). */
export const someoneElse = (
  items: readonly Person[],
  pick: (random: Random) => number,
  random: Random,
  not: Person,
): Person => {
  for (;;) {
    const candidate = items[pick(random)] as Person;
    if (candidate.login !== not.login) return candidate;
  }
};
