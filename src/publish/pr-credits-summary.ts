import { newestEvidenceFirst } from "../report/describe-credit.js";
import { plural } from "../report/monthly-format.js";
import { type Category, isGlue, type RuleId } from "../vocabulary/rules.js";

/** A credit on one PR, as the check run and credit comment show it. */
export type PrCredit = {
  actorLogin: string;
  category: Category;
  rule: RuleId;
  url: string;
  /** When it happened (ISO); evidence is listed newest first. */
  at?: string | undefined;
};

export type PersonOnPr = {
  login: string;
  categories: [Category, number][];
  /** Their evidence on this PR, newest first, one entry per URL. */
  evidence: { rule: RuleId; url: string }[];
};

/** Glue credits on a PR grouped per person, in order of first appearance; `code` is not glue. */
export const peopleOnPr = (credits: readonly PrCredit[]): PersonOnPr[] => {
  const people = new Map<
    string,
    { login: string; counts: Map<Category, number>; evidence: Map<string, Required<PrCredit>> }
  >();
  for (const credit of credits) {
    if (!isGlue(credit.category)) continue;
    const key = credit.actorLogin.toLowerCase();
    const person = people.get(key) ?? {
      login: credit.actorLogin,
      counts: new Map<Category, number>(),
      evidence: new Map<string, Required<PrCredit>>(),
    };
    people.set(key, person);
    person.counts.set(credit.category, (person.counts.get(credit.category) ?? 0) + 1);
    if (!person.evidence.has(credit.url)) person.evidence.set(credit.url, { at: "", ...credit });
  }
  return [...people.values()].map((person) => ({
    login: person.login,
    categories: [...person.counts.entries()],
    evidence: [...person.evidence.values()].sort(newestEvidenceFirst).map(({ rule, url }) => ({ rule, url })),
  }));
};

export const describeCategories = (categories: [Category, number][]): string =>
  categories.map(([category, count]) => (count > 1 ? `${category} ×${count}` : category)).join(", ");

export const peopleCount = (count: number): string => plural(count, "person", "people");
