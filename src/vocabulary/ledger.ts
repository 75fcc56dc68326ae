import type { Category, RuleId } from "./rules.js";

/** A credit as the ledger shows it to a report: who, what, where and when. */
export type CreditRow = {
  actorLogin: string;
  category: Category;
  rule: RuleId;
  repo: string;
  repoPrivate: boolean;
  url: string;
  subjectKey: string;
  weight: number;
  occurredAt: Date;
  /** The subject's title, when known. */
  title?: string | null;
};

export type CategoryMonth = { total: number; people: number; top: number };

/** One month's glue. */
export type MonthTrend = {
  /** `YYYY-MM`. */
  period: string;
  categories: Partial<Record<Category, CategoryMonth>>;
  /** Glue credits in all. */
  glue: number;
  /** People with glue credits. */
  people: number;
  /** The fewest people whose glue together is at least half of the month's. */
  half: number;
};
