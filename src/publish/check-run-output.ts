import type { ConfigProblem } from "../config/parse-config.js";
import { describeCategories, type PrCredit, peopleCount, peopleOnPr } from "./pr-credits-summary.js";

export const CHECK_RUN_NAME = "Glue work";
/** Marks the check runs Gluework owns (never found by the app's login). */
export const CHECK_RUN_EXTERNAL_ID = "gluework";

export type CheckRunOutput = { title: string; summary: string };

const MAX_LINKS = 10;

const problemRows = (problems: readonly ConfigProblem[]): string[] => [
  "| Field | Problem | Write instead |",
  "| --- | --- | --- |",
  ...problems.map(
    (p) => `| \`${p.field}\` | ${p.problem.replaceAll("|", "\\|")} | ${p.fix.replaceAll("|", "\\|")} |`,
  ),
  "",
];

/** Problems that made Gluework fall back to its defaults, then settings ignored where they are written. */
const problemsSection = (problems: readonly ConfigProblem[]): string[] => {
  const wrong = problems.filter((p) => !p.note);
  const ignored = problems.filter((p) => p.note);
  return [
    ...(wrong.length === 0
      ? []
      : [
          "### ⚠️ `.github/gluework.yml` has problems",
          "",
          "Gluework is using its defaults until they are fixed.",
          "",
          ...problemRows(wrong),
        ]),
    ...(ignored.length === 0
      ? []
      : ["### ℹ️ `.github/gluework.yml` sets what belongs elsewhere", "", ...problemRows(ignored)]),
  ];
};

/** The neutral "Glue work" check run: who did glue work on this PR, with links. */
export const checkRunOutput = (
  credits: readonly PrCredit[],
  problems: readonly ConfigProblem[] = [],
): CheckRunOutput => {
  const people = peopleOnPr(credits);
  const title =
    people.length === 0
      ? "No glue work recorded on this PR yet"
      : `${peopleCount(people.length)} did glue work on this PR`;
  const table =
    people.length === 0
      ? ["Reviews, design feedback, triage, mentoring and other glue work on this PR will be listed here."]
      : [
          "| Who | What | Evidence |",
          "| --- | --- | --- |",
          ...people.map((person) => {
            const links = person.links.slice(0, MAX_LINKS).map((url, index) => `[${index + 1}](${url})`);
            const more =
              person.links.length > MAX_LINKS ? ` and ${person.links.length - MAX_LINKS} more` : "";
            return `| @${person.login} | ${describeCategories(person.categories)} | ${links.join(" ")}${more} |`;
          }),
        ];
  const summary = [
    ...problemsSection(problems),
    ...table,
    "",
    "<sub>Gluework credits glue work: reviews, docs, onboarding, triage, unblocking and process. This check is always neutral and never blocks a merge.</sub>",
  ].join("\n");
  return { title, summary };
};
