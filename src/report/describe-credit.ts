/**
 * Evidence in words: what a credit's rule says the person did ("reviewed"), and which item it was
 * ("#41 *Speed up the report query*"), so every output lists readable evidence, newest first.
 */
import type { RuleId } from "../vocabulary/rules.js";
import { escapeMarkdown, italic, link } from "./escape.js";

/** What the person did, as the verb of an evidence line ("reviewed #41"). */
const VERBS: Partial<Record<RuleId | (string & {}), string>> = {
  "review.submitted": "reviewed",
  "review.comment": "commented in the review of",
  "review.discussion": "commented on",
  "review.design": "reviewed the design in",
  "docs.pr": "wrote docs in",
  "docs.push": "pushed docs in",
  "mentor.newcomer": "helped a newcomer with",
  "onboarding.docs": "improved onboarding in",
  "onboarding.label": "marked for newcomers",
  "triage.label": "labelled",
  "triage.assign": "assigned",
  "triage.close": "closed",
  "triage.reopen": "reopened",
  "triage.transfer": "transferred",
  "triage.duplicate": "closed as a duplicate",
  "triage.lock": "locked",
  "triage.type": "set the type of",
  "ownership.codeowners": "updated code owners in",
  "process.files": "improved process files in",
  "unblock.stale-review": "gave the first review, after a long wait, to",
  "unblock.label": "helped unblock",
  "unblock.push": "pushed commits to",
  "unblock.dependency": "unblocked others by closing",
  "planning.milestone": "planned milestone work in",
  "planning.tracking": "kept the tracking issue",
  "planning.roadmap": "updated the roadmap in",
  "planning.sub-issue": "structured work in",
  "planning.dependency": "recorded a dependency of",
  "support.answer": "answered",
  "support.first-response": "gave the first answer on",
  "support.accepted": "gave the accepted answer on",
  "release.published": "published",
  "release.changelog": "prepared the release in",
  "code.pr": "merged code in",
};

/** The verb of a rule ("reviewed"), or "worked on" for a rule this table does not name yet. */
export const ruleVerb = (rule: string): string => VERBS[rule] ?? "worked on";

/**
 * Short text for the item a URL points at: "#41", "discussion #3", "commit abc1234",
 * "release v1.2.0", "milestone 4"; with `repo`, the repository is written first ("acme/app#41").
 */
export const itemName = (url: string, repo?: string): string => {
  const prefix = repo ? repo : "";
  const item = /\/([^/]+\/[^/]+)\/(pull|issues|discussions)\/(\d+)/.exec(url);
  if (item) return `${item[2] === "discussions" ? `${prefix} discussion ` : prefix}#${item[3]}`.trimStart();
  const commit = /\/commit\/([0-9a-f]{7})/.exec(url);
  if (commit) return `${prefix ? `${prefix}@` : "commit "}${commit[1]}`;
  const release = /\/releases\/tag\/([^/?#]+)/.exec(url);
  if (release) return `${prefix ? `${prefix} ` : ""}release ${decodeURIComponent(release[1] ?? "")}`;
  const milestone = /\/milestones?\/(\d+)/.exec(url);
  if (milestone) return `${prefix ? `${prefix} ` : ""}milestone ${milestone[1]}`;
  return prefix || url.replace(/^https?:\/\/[^/]+\//, "");
};

/**
 * A short name for one piece of evidence on an item whose page is already open (a check run or
 * comment on that PR): what the URL points at ("review", "review comment", "comment"), else what
 * the rule credits ("docs", "code owners").
 */
export const evidenceLabel = (rule: string, url: string): string => {
  if (/#pullrequestreview-\d+$/.test(url)) return rule === "review.design" ? "design review" : "review";
  if (/#discussion_r\d+$/.test(url)) return rule === "review.design" ? "design comment" : "review comment";
  if (/#(issuecomment|discussioncomment)-\d+$/.test(url)) return "comment";
  return LABELS[rule] ?? ruleVerb(rule);
};

/** Labels of evidence that is the item itself (authored work on the PR). */
const LABELS: Partial<Record<RuleId | (string & {}), string>> = {
  "docs.pr": "docs",
  "onboarding.docs": "onboarding docs",
  "ownership.codeowners": "code owners",
  "process.files": "process files",
  "planning.roadmap": "roadmap",
  "release.changelog": "release files",
  "unblock.push": "commits",
  "triage.label": "labels",
  "triage.assign": "assignment",
  "triage.close": "closing",
  "triage.reopen": "reopening",
  "code.pr": "code",
};

/** What an evidence line needs of a credit. */
export type Evidence = { rule: string; url: string; repo: string; title?: string | null | undefined };

/**
 * "reviewed [#41](url) *Speed up the report query*", everything untrusted escaped; `withRepo`
 * names the repository in the link ("acme/app#41") where the output spans several.
 */
export const evidenceText = (evidence: Evidence, options: { withRepo: boolean }): string => {
  const name = itemName(evidence.url, options.withRepo ? evidence.repo : undefined);
  const title = evidence.title ? ` ${italic(evidence.title)}` : "";
  return `${escapeMarkdown(ruleVerb(evidence.rule))} ${link(name, evidence.url)}${title}`;
};

/** Newest first; ties by URL and rule, so every output lists the same evidence in the same order. */
export const newestEvidenceFirst = <T extends { at: string; url: string; rule: string }>(
  a: T,
  b: T,
): number =>
  a.at < b.at
    ? 1
    : a.at > b.at
      ? -1
      : a.url < b.url
        ? -1
        : a.url > b.url
          ? 1
          : a.rule < b.rule
            ? -1
            : a.rule > b.rule
              ? 1
              : 0;
