import { describeCategories, type PrCredit, peopleOnPr } from "./pr-credits-summary.js";

export const CREDIT_COMMENT_MARKER = "<!-- gluework:credit -->";

const listNames = (names: string[]): string =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;

/** The thank-you comment on a merged PR, or null when nobody did glue work on it. */
export const creditCommentBody = (credits: readonly PrCredit[]): string | null => {
  const people = peopleOnPr(credits);
  if (people.length === 0) return null;
  return [
    CREDIT_COMMENT_MARKER,
    `### Thank you, ${listNames(people.map((person) => `@${person.login}`))} 🙌`,
    "",
    "This PR was merged with glue work from:",
    "",
    ...people.map((person) => `- @${person.login}: ${describeCategories(person.categories)}`),
    "",
    "<sub>Posted by Gluework, which makes reviews, docs, mentoring and triage visible. This comment is edited as credits change; `/gluework portfolio` shows your own.</sub>",
  ].join("\n");
};
