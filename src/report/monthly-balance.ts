/**
 * The monthly report's balance notes: where one person carries most of a category (and who else,
 * active in the same repositories, could take a share), and whose work is nearly all glue or none.
 */
import { CATEGORIES, type Category, isGlue } from "../classify/rules.js";
import {
  byContribution,
  compareText,
  listCapped,
  mention,
  percent,
  plural,
  repoCode,
} from "./monthly-format.js";
import type { ContributorSummary, Report } from "./summarize.js";

/** The thresholds the notes use; DESIGN.md's "balance notes". */
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

const count = (person: ContributorSummary, category: Category) => person.categories[category] ?? 0;

/** People active in `repos` (any credit there) who did little of `category`, most active first. */
const rotationCandidates = (
  report: Report,
  carrier: ContributorSummary,
  category: Category,
  repos: ReadonlySet<string>,
) => {
  const active = report.contributors
    .filter((person) => person !== carrier)
    .map((person) => ({ person, there: person.items.filter((item) => repos.has(item.repo)).length }))
    .filter(({ there }) => there > 0);
  const candidates = active
    .filter(({ person }) => count(person, category) <= BALANCE.rotationMaximum)
    .sort((a, b) => b.there - a.there || compareText(a.person.login, b.person.login))
    .map(({ person }) => person);
  return { anyoneElseActive: active.length > 0, candidates };
};

const carrierNote = (report: Report, category: Category, total: number): string | null => {
  const [carrier] = [...report.contributors].sort(
    (a, b) => count(b, category) - count(a, category) || compareText(a.login, b.login),
  );
  if (!carrier) return null;
  const carried = count(carrier, category);
  if (carried / total <= BALANCE.carrierShare) return null;
  const repos = new Set(carrier.items.filter((item) => item.category === category).map((item) => item.repo));
  const where = listCapped([...repos].sort(compareText).map(repoCode), BALANCE.rotationNames, "more");
  const { anyoneElseActive, candidates } = rotationCandidates(report, carrier, category, repos);
  const head = `**${category}**: ${mention(carrier.login)} did ${carried} of the ${total} credits (${percent(carried, total)}).`;
  if (candidates.length > 0) {
    const names = listCapped(
      candidates.map((person) => mention(person.login)),
      BALANCE.rotationNames,
    );
    const verb = candidates.length === 1 ? "was" : "were";
    return `${head} ${names} ${verb} also active in ${where} this month and did little ${category}: rotating some of it to them would share the load.`;
  }
  return anyoneElseActive
    ? `${head} Everyone else active in ${where} this month already does some ${category}.`
    : `${head} Nobody else was active in ${where} this month to share it with.`;
};

/** Carrier notes, one per glue category, in DESIGN.md's category order. */
export const carrierNotes = (report: Report): string[] =>
  CATEGORIES.filter(isGlue).flatMap((category) => {
    const total = report.contributors.reduce((sum, person) => sum + count(person, category), 0);
    if (total < BALANCE.carrierMinimum) return [];
    const note = carrierNote(report, category, total);
    return note ? [note] : [];
  });

const capped = (notes: string[], more: (rest: number) => string): string[] =>
  notes.length > BALANCE.peopleNotes
    ? [...notes.slice(0, BALANCE.peopleNotes), more(notes.length - BALANCE.peopleNotes)]
    : notes;

/** Per-person notes: nearly all glue, or code and no glue at all. */
export const mixNotes = (report: Report): string[] => {
  const people = [...report.contributors].sort(byContribution);
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

/** The "Balance" section. */
export const balanceSection = (report: Report): string => {
  const notes = [...carrierNotes(report), ...mixNotes(report)];
  const body =
    notes.length > 0
      ? notes.map((note) => `- ${note}`).join("\n")
      : "No one carried most of a category, and everyone's mix of glue and code looks balanced.";
  return `## Balance\n\n${body}`;
};
