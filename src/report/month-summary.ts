/**
 * What the monthly report issue needs of a month: counts per person and category, the number of
 * repositories, each person's newest glue credits (only as many as the issue could ever show),
 * and, for a category one person carries, who else was active where they did it. The publisher
 * computes it in the database (store/month-counts.ts and its neighbours).
 */
import { CATEGORIES, type Category } from "../vocabulary/rules.js";
import type { ContributorSummary, ReportItem } from "./summarize.js";

/** One person's month: counts, and their newest glue credits. */
export type PersonMonth = Omit<ContributorSummary, "items"> & {
  /**
   * Their glue credits newest first (by time, then url, rule and category): all of them, or at
   * least as many as the report can show (see `evidenceQuota`). `glue` counts them all.
   */
  newest: readonly ReportItem[];
};

/** Where the carrier of a category did it, and how active everyone else was there. */
export type CarrierActivity = {
  category: Category;
  /** The repositories of the carrier's credits in `category`. */
  repos: readonly string[];
  /**
   * Everyone but the carrier with credits (of any category) in those repositories, how many, and
   * whether GitHub showed them as a team member there (`member_associations`).
   */
  others: readonly { login: string; credits: number; member?: boolean }[];
};

export type MonthSummary = {
  contributors: readonly PersonMonth[];
  /** Repositories with at least one credit shown. */
  repositories: number;
  /** One entry per category that `carriers` (monthly-balance.ts) finds a carrier for. */
  carriers: readonly CarrierActivity[];
};

/** Credits per category across `people`. */
export const countByCategory = (
  people: readonly Pick<PersonMonth, "categories">[],
): Map<Category, number> => {
  const totals = new Map<Category, number>();
  for (const category of CATEGORIES) {
    let sum = 0;
    for (const person of people) sum += person.categories[category] ?? 0;
    totals.set(category, sum);
  }
  return totals;
};

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Newest first; ties by url, rule and category, as the database orders them (`collate "C"`). */
export const newestFirst = (a: ReportItem, b: ReportItem): number =>
  compare(b.at, a.at) || compare(a.url, b.url) || compare(a.rule, b.rule) || compare(a.category, b.category);
