import { evidenceLabel } from "../report/describe-credit.js";
import { escapeMarkdown, link, mention, profileLink } from "../report/escape.js";
import { listJoin, plural } from "../report/monthly-format.js";
import { describeCategories, type PrCredit, peopleOnPr } from "./pr-credits-summary.js";

export const CREDIT_COMMENT_MARKER = "<!-- gluework:credit -->";

/** Evidence links per person before "and N more". */
const MAX_LINKS = 5;

/**
 * The thank-you comment on a merged PR, or null when nobody did glue work on it. Names link to
 * profiles without notifying anyone, unless `mentions` (`credit_comment.mentions`) asks for @mentions.
 */
export const creditCommentBody = (
  credits: readonly PrCredit[],
  options: { mentions: boolean } = { mentions: false },
): string | null => {
  const people = peopleOnPr(credits);
  if (people.length === 0) return null;
  const name = (person: (typeof people)[number]) =>
    options.mentions ? mention(person.login) : profileLink(person.login, person.evidence[0]?.url);
  return [
    CREDIT_COMMENT_MARKER,
    `### Thank you, ${listJoin(people.map(name))} 🙌`,
    "",
    "This PR was merged with glue work from:",
    "",
    ...people.map((person) => {
      const what = escapeMarkdown(describeCategories(person.categories));
      const evidence = person.evidence
        .slice(0, MAX_LINKS)
        .map((item) => link(evidenceLabel(item.rule, item.url), item.url));
      const hidden = person.evidence.length - MAX_LINKS;
      const more = hidden > 0 ? ` and ${plural(hidden, "more")}` : "";
      return `- ${name(person)}: ${what} (${evidence.join(", ")}${more})`;
    }),
    "",
    "<sub>Posted by Gluework, which makes reviews, docs, mentoring and triage visible. This comment is edited as credits change; `/gluework portfolio` shows your own.</sub>",
  ].join("\n");
};
