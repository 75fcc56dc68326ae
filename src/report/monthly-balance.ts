/**
 * The monthly report's balance notes: where one person carries most of a category (and who else,
 * active in the same repositories, could take a share), and whose work is nearly all glue or none.
 */
import { CATEGORIES, type Category, isGlue } from "../classify/rules.js";
import {
  type CarrierActivity,
  countByCategory,
  type MonthSummary,
  type PersonMonth,
} from "./month-summary.js";
import {
  compareText,
  listCapped,
  mention,
  percent,
  plural,
  repoCode,
  sortByContribution,
} from "./monthly-format.js";

/** The thresholds the balance notes use. */
export const BALANCE = {
  /** One person carries a category when they did more than this share of it… */
  carrierShare: 0.5,
  /** …and the category has at least this many credits. */
  carrierMinimum: 3,
  /** Someone who did at most this many of a category is a candidate to take a share. */
  rotationMaximum: 1,
  /** How many candidates and repositories a note names. */
  rotationNames: 3,
  /** Nearly all glue: at least this share of someone's credits… */
  glueShare: 0.9,
  /** …with at least this many credits in all. */
  glueMinimum: 5,
  /** No glue: at least this many code credits and no glue. */
  codeMinimum: 5,
  /** Per-person notes of one kind listed before "… and N more". */
  peopleNotes: 10,
} as const;

/** A person's counts: all the balance notes read. */
type Counts = Pick<PersonMonth, "login" | "glue" | "code" | "categories">;

const count = (person: Counts, category: Category) => person.categories[category] ?? 0;

/**
 * The categories one person carries (more than `carrierShare` of at least `carrierMinimum`
 * credits), in category order, with who carries each: the report needs to know where they did
 * it and who else was active there (`CarrierActivity`). One pass over everyone's counts.
 */
export const carriers = (
  people: readonly Counts[],
  totals: ReadonlyMap<Category, number> = countByCategory(people),
): { category: Category; login: string; total: number }[] => {
  // Who did most of each category that could be carried (the first login on a tie).
  const most = new Map<Category, { person: Counts; n: number }>();
  for (const category of CATEGORIES) {
    if (!isGlue(category) || (totals.get(category) ?? 0) < BALANCE.carrierMinimum) continue;
    for (const person of people) {
      const n = count(person, category);
      const best = most.get(category);
      if (
        n > 0 &&
        (!best || n > best.n || (n === best.n && compareText(person.login, best.person.login) < 0))
      ) {
        most.set(category, { person, n });
      }
    }
  }
  return CATEGORIES.filter(isGlue).flatMap((category) => {
    const total = totals.get(category) ?? 0;
    const carrier = most.get(category);
    if (total < BALANCE.carrierMinimum || !carrier || carrier.n / total <= BALANCE.carrierShare) return [];
    return [{ category, login: carrier.person.login, total }];
  });
};

/** People active where the carrier did it who did little of `category`, most active there first. */
const rotationCandidates = (month: MonthSummary, activity: CarrierActivity) => {
  const byLogin = new Map(month.contributors.map((person) => [person.login.toLowerCase(), person]));
  return activity.others
    .flatMap(({ login, credits }) => {
      const person = byLogin.get(login.toLowerCase());
      return person && count(person, activity.category) <= BALANCE.rotationMaximum
        ? [{ person, credits }]
        : [];
    })
    .sort((a, b) => b.credits - a.credits || compareText(a.person.login, b.person.login))
    .map(({ person }) => person);
};

const carrierNote = (
  month: MonthSummary,
  { category, login, total }: { category: Category; login: string; total: number },
): string | null => {
  const activity = month.carriers.find((entry) => entry.category === category);
  const carrier = month.contributors.find((person) => person.login === login);
  if (!activity || !carrier) return null;
  const carried = count(carrier, category);
  const where = listCapped(
    [...activity.repos].sort(compareText).map(repoCode),
    BALANCE.rotationNames,
    "more",
  );
  const candidates = rotationCandidates(month, activity);
  const head = `**${category}**: ${mention(carrier.login)} did ${carried} of the ${total} credits (${percent(carried, total)}).`;
  if (candidates.length > 0) {
    const names = listCapped(
      candidates.map((person) => mention(person.login)),
      BALANCE.rotationNames,
    );
    const verb = candidates.length === 1 ? "was" : "were";
    return `${head} ${names} ${verb} also active in ${where} this month and did little ${category}: rotating some of it to them would share the load.`;
  }
  return activity.others.length > 0
    ? `${head} Everyone else active in ${where} this month already does some ${category}.`
    : `${head} Nobody else was active in ${where} this month to share it with.`;
};

/** Carrier notes, one per carried glue category, in category order. */
export const carrierNotes = (month: MonthSummary, totals?: ReadonlyMap<Category, number>): string[] =>
  carriers(month.contributors, totals).flatMap((carried) => {
    const note = carrierNote(month, carried);
    return note ? [note] : [];
  });

const capped = (notes: string[], more: (rest: number) => string): string[] =>
  notes.length > BALANCE.peopleNotes
    ? [...notes.slice(0, BALANCE.peopleNotes), more(notes.length - BALANCE.peopleNotes)]
    : notes;

/** Per-person notes: nearly all glue, or code and no glue at all. */
export const mixNotes = (month: MonthSummary): string[] => {
  const people = sortByContribution(month.contributors);
  const glueHeavy = people
    .filter((person) => {
      const all = person.glue + person.code;
      return all >= BALANCE.glueMinimum && person.glue / all >= BALANCE.glueShare;
    })
    .map((person) => {
      const all = person.glue + person.code;
      return `${mention(person.login)}: ${person.glue} of ${all} credits (${percent(person.glue, all)}) were glue. Make sure this work is recognised, and that they also get time for their own code.`;
    });
  const noGlue = people
    .filter((person) => person.glue === 0 && person.code >= BALANCE.codeMinimum)
    .sort((a, b) => b.code - a.code || compareText(a.login, b.login))
    .map(
      (person) =>
        `${mention(person.login)}: ${plural(person.code, "code credit")} and no glue. A turn at reviews or triage in the same repositories would share the load.`,
    );
  return [
    ...capped(
      glueHeavy,
      (rest) => `… and ${plural(rest, "more person", "more people")} whose credits were nearly all glue.`,
    ),
    ...capped(
      noGlue,
      (rest) => `… and ${plural(rest, "more person", "more people")} with code credits and no glue.`,
    ),
  ];
};

/** The "Balance" section; `totals` are the month's credits per category, when already counted. */
export const balanceSection = (month: MonthSummary, totals?: ReadonlyMap<Category, number>): string => {
  const notes = [...carrierNotes(month, totals), ...mixNotes(month)];
  const body =
    notes.length > 0
      ? notes.map((note) => `- ${note}`).join("\n")
      : "No one carried most of a category, and everyone's mix of glue and code looks balanced.";
  return `## Balance\n\n${body}`;
};
