import type { Category, RuleId } from "../classify/rules.js";

/** A credit on one PR, as the check run and credit comment show it. */
export type PrCredit = { actorLogin: string; category: Category; rule: RuleId; url: string };

export type PersonOnPr = { login: string; categories: [Category, number][]; links: string[] };

/** Glue credits on a PR grouped per person, in order of first appearance; `code` is not glue. */
export const peopleOnPr = (credits: readonly PrCredit[]): PersonOnPr[] => {
  const people = new Map<string, { login: string; counts: Map<Category, number>; links: string[] }>();
  for (const credit of credits) {
    if (credit.category === "code") continue;
    const key = credit.actorLogin.toLowerCase();
    const person = people.get(key) ?? {
      login: credit.actorLogin,
      counts: new Map<Category, number>(),
      links: [] as string[],
    };
    people.set(key, person);
    person.counts.set(credit.category, (person.counts.get(credit.category) ?? 0) + 1);
    if (!person.links.includes(credit.url)) person.links.push(credit.url);
  }
  return [...people.values()].map((person) => ({
    login: person.login,
    categories: [...person.counts.entries()],
    links: person.links,
  }));
};

export const describeCategories = (categories: [Category, number][]): string =>
  categories.map(([category, count]) => (count > 1 ? `${category} ×${count}` : category)).join(", ");

export const peopleCount = (count: number): string => (count === 1 ? "1 person" : `${count} people`);
