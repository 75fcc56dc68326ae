/**
 * The monthly report's balance notes: how concentrated each kind of glue is and how that moved over
 * the previous three months — statements about the team's work, never a verdict on a person — and,
 * where one person did most of a kind, which team members active in the same repositories a
 * rotation could include (never newcomers, outside contributors or people who opted out).
 */
import { CATEGORIES, type Category, isGlue } from "../vocabulary/rules.js";
import { profileLink, repoCode } from "./escape.js";
import {
  type CarrierActivity,
  countByCategory,
  type MonthSummary,
  type PersonMonth,
} from "./month-summary.js";
import { compareText, listCapped, listJoin, percent, plural, thousands } from "./monthly-format.js";
import type { MonthTrend } from "./monthly-trend.js";

/** The thresholds the notes use. */
export const BALANCE = {
  /** A kind of glue rests on one person when they did more than this share of it. */
  concentratedShare: 0.5,
  /** The default of `report.balance.min_credits`: fewer credits in a category are too few to judge. */
  minCredits: 10,
  /** Someone who did at most this many of a category is a candidate to take a share. */
  rotationMaximum: 1,
  /** How many candidates and repositories a note names. */
  rotationNames: 3,
  /** A move of the top share smaller than this (in points) is "about the same". */
  steady: 10,
} as const;

/** A person's counts: all the balance notes read. */
type Counts = Pick<PersonMonth, "login" | "glue" | "code" | "categories">;

export type BalanceOptions = {
  /** `report.balance.min_credits`. */
  minCredits: number;
  /** Logins of newcomers (first contributions this month): never suggested for a rotation. */
  newcomers?: readonly string[];
  /** The months before this one, any order; the previous three are compared with. */
  trend?: readonly MonthTrend[];
  /** The section's heading (`## Balance`; a team's section nests it one level down). */
  heading?: string;
};

const count = (person: Counts, category: Category) => person.categories[category] ?? 0;

/** Who did most of `category` (the first login on a tie), and how many. */
const busiest = (people: readonly Counts[], category: Category) => {
  let best: { person: Counts; n: number } | null = null;
  for (const person of people) {
    const n = count(person, category);
    if (n > 0 && (!best || n > best.n || (n === best.n && compareText(person.login, best.person.login) < 0)))
      best = { person, n };
  }
  return best;
};

/**
 * The glue categories with at least `minCredits` credits of which one person did more than half, in
 * category order, with that person (the report asks the store who else was active where they
 * did it; the person is never named in the report for it).
 */
export const carriers = (
  people: readonly Counts[],
  minCredits: number = BALANCE.minCredits,
  totals: ReadonlyMap<Category, number> = countByCategory(people),
): { category: Category; login: string; total: number }[] =>
  CATEGORIES.filter(isGlue).flatMap((category) => {
    const total = totals.get(category) ?? 0;
    const top = total >= minCredits ? busiest(people, category) : null;
    if (!top || top.n / total <= BALANCE.concentratedShare) return [];
    return [{ category, login: top.person.login, total }];
  });

/** The share of `category` the busiest person did over the three months before `period`, or null. */
const earlierShare = (category: Category, period: string, trend: readonly MonthTrend[]): number | null => {
  const earlier = trend
    .filter((month) => month.period < period)
    .sort((a, b) => (a.period < b.period ? 1 : -1))
    .slice(0, 3);
  const total = earlier.reduce((sum, month) => sum + (month.categories[category]?.total ?? 0), 0);
  const top = earlier.reduce((sum, month) => sum + (month.categories[category]?.top ?? 0), 0);
  return total > 0 ? top / total : null;
};

const movement = (now: number, before: number | null): string => {
  if (before === null) return "no earlier months to compare with";
  const points = Math.round(now * 100) - Math.round(before * 100);
  const was = `${Math.round(before * 100)}%`;
  if (Math.abs(points) < BALANCE.steady) return `about the same as over the previous three months (${was})`;
  return `${points > 0 ? "up" : "down"} from ${was} over the previous three months`;
};

/** Team members active where the category was done who did little of it, most active there first. */
const rotationCandidates = (
  month: MonthSummary,
  activity: CarrierActivity,
  newcomers: ReadonlySet<string>,
) => {
  const byLogin = new Map(month.contributors.map((person) => [person.login.toLowerCase(), person]));
  return activity.others
    .flatMap((other) => {
      const person = byLogin.get(other.login.toLowerCase());
      const eligible =
        person &&
        other.member === true &&
        !newcomers.has(other.login.toLowerCase()) &&
        count(person, activity.category) <= BALANCE.rotationMaximum;
      return eligible ? [{ person, credits: other.credits }] : [];
    })
    .sort((a, b) => b.credits - a.credits || compareText(a.person.login, b.person.login))
    .map(({ person }) => person);
};

const concentratedNote = (
  month: MonthSummary,
  category: Category,
  options: BalanceOptions & { period: string; newcomerSet: ReadonlySet<string> },
): string => {
  const people = month.contributors.filter((person) => count(person, category) > 0);
  const total = people.reduce((sum, person) => sum + count(person, category), 0);
  const top = busiest(people, category)?.n ?? 0;
  const head = `**${category}**: ${percent(top, total)} of its ${plural(total, "credit")} came from one person (${plural(people.length, "person", "people")} did some), ${movement(top / total, earlierShare(category, options.period, options.trend ?? []))}`;
  const activity = month.carriers.find((entry) => entry.category === category);
  if (!activity) return `${head}.`;
  const where = listCapped(
    [...activity.repos].sort(compareText).map(repoCode),
    BALANCE.rotationNames,
    "more",
    "more",
  );
  const candidates = rotationCandidates(month, activity, options.newcomerSet);
  if (candidates.length === 0)
    return `${head}; no other team member was active in ${where} this month to share it.`;
  const names = listCapped(
    candidates.map((person) => profileLink(person.login, person.newest?.[0]?.url)),
    BALANCE.rotationNames,
  );
  return `${head}; a rotation could include ${names}, team members also active in ${where}.`;
};

const sharedText = (month: MonthSummary, category: Category, totals: ReadonlyMap<Category, number>) => {
  const total = totals.get(category) ?? 0;
  const people = month.contributors.filter((person) => count(person, category) > 0);
  const top = busiest(people, category)?.n ?? 0;
  return `**${category}** (${plural(total, "credit")} from ${plural(people.length, "person", "people")}, at most ${percent(top, total)} from one)`;
};

/** The "Balance" section: one sentence per kind of glue that rests on one person, the rest summed up once. */
export const balanceSection = (
  month: MonthSummary,
  options: BalanceOptions & { period: string },
  totals: ReadonlyMap<Category, number> = countByCategory(month.contributors),
): string => {
  const newcomers = new Set((options.newcomers ?? []).map((login) => login.toLowerCase()));
  const present = CATEGORIES.filter((category) => isGlue(category) && (totals.get(category) ?? 0) > 0);
  const judged = present.filter((category) => (totals.get(category) ?? 0) >= options.minCredits);
  const small = present.filter((category) => (totals.get(category) ?? 0) < options.minCredits);
  const concentrated = new Set(
    carriers(month.contributors, options.minCredits, totals).map((c) => c.category),
  );
  const shared = judged.filter((category) => !concentrated.has(category));
  const notes = judged
    .filter((category) => concentrated.has(category))
    .map((category) => concentratedNote(month, category, { ...options, newcomerSet: newcomers }));
  if (shared.length > 0) {
    const list = listJoin(shared.map((category) => sharedText(month, category, totals)));
    notes.push(
      concentrated.size === 0
        ? `Glue is shared well this month: no kind of it came mostly from one person — ${list}.`
        : `Shared well: ${list}.`,
    );
  }
  if (small.length > 0) {
    notes.push(
      `${listJoin(small.map((category) => `**${category}**`))} ${small.length === 1 ? "has" : "have"} fewer than ${thousands(options.minCredits)} credits this month, too few to say how ${small.length === 1 ? "it is" : "they are"} shared.`,
    );
  }
  const intro = `How concentrated each kind of glue is, for kinds with at least ${plural(options.minCredits, "credit")} (\`report.balance.min_credits\`).`;
  return `${options.heading ?? "## Balance"}\n\n${intro}\n\n${notes.map((note) => `- ${note}`).join("\n")}`;
};
