/** The monthly report's highlights: problems caught in review, and newcomers' first merged PRs. */
import type { RuleId } from "../vocabulary/rules.js";
import { link, profileLink } from "./escape.js";
import { compareText, listJoin, plural } from "./monthly-format.js";

export type Highlights = {
  /** Change-requesting reviews that were addressed before the PR merged. */
  preventative: { reviewer: string; url: string; pr: string }[];
  /** First PRs merged this month, and who helped (reviewed or commented) on them. */
  newcomers: { login: string; url: string; pr: string; helpers: string[] }[];
};

/** Credits that show a newcomer was helped: their helpers are named beside the merged PR. */
export const NEWCOMER_RULES: readonly RuleId[] = ["mentor.newcomer"];

/** A review's state that counts as a problem caught before merging. */
export const CAUGHT_EARLY = "changes_requested";

/** Highlights of one kind listed before "… and N more". */
export const HIGHLIGHTS_SHOWN = 15;

/** The first `HIGHLIGHTS_SHOWN` of `items` in order as lines, then "… and N more". */
const capped = <T>(
  items: readonly T[],
  order: (a: T, b: T) => number,
  line: (item: T) => string,
): string[] => {
  const lines = [...items].sort(order).slice(0, HIGHLIGHTS_SHOWN).map(line);
  return items.length > HIGHLIGHTS_SHOWN
    ? [...lines, `- … and ${plural(items.length - HIGHLIGHTS_SHOWN, "more")}`]
    : lines;
};

const preventativeLines = (wins: Highlights["preventative"]): string[] =>
  capped(
    wins,
    (a, b) => compareText(a.reviewer, b.reviewer) || compareText(a.pr, b.pr) || compareText(a.url, b.url),
    (win) =>
      `- ${profileLink(win.reviewer, win.url)} requested changes on ${link(win.pr, win.url)}, and they were made before it merged.`,
  );

const newcomerLines = (newcomers: Highlights["newcomers"]): string[] =>
  capped(
    newcomers,
    (a, b) => compareText(a.login, b.login) || compareText(a.pr, b.pr) || compareText(a.url, b.url),
    (newcomer) => {
      const helpers = [...new Set(newcomer.helpers)]
        .filter((helper) => helper !== newcomer.login)
        .sort(compareText);
      const help =
        helpers.length > 0
          ? ` Helped by ${listJoin(helpers.map((helper) => profileLink(helper, newcomer.url)))}.`
          : "";
      return `- ${profileLink(newcomer.login, newcomer.url)}'s first pull request, ${link(newcomer.pr, newcomer.url)}, was merged.${help}`;
    },
  );

/** The "Highlights" section, or null when there is nothing to highlight. */
export const highlightsSection = (highlights: Highlights): string | null => {
  const parts: string[] = [];
  if (highlights.preventative.length > 0) {
    parts.push(`### Caught in review\n\n${preventativeLines(highlights.preventative).join("\n")}`);
  }
  if (highlights.newcomers.length > 0) {
    parts.push(`### First contributions\n\n${newcomerLines(highlights.newcomers).join("\n")}`);
  }
  return parts.length > 0 ? `## Highlights\n\n${parts.join("\n\n")}` : null;
};
