import { describe, expect, it } from "vitest";
import { classify, needsPullRequestFiles } from "../../src/classify/classify.js";
import { createPathClassifier } from "../../src/classify/path-kinds.js";
import { defaultConfig } from "../../src/config/schema.js";
import type { Activity } from "../../src/vocabulary/activity.js";
import {
  AUTHOR,
  BOT_BY_TYPE,
  comment,
  HELPER,
  issue,
  pr,
  prMerged,
  review,
  reviewComment,
} from "../helpers/activities.js";

const DESIGN_FILES = [{ path: "docs/design/queue.md", additions: 40, deletions: 0 }];
const config = defaultConfig();
const kindOf = createPathClassifier(config.paths);

/** Whether the PR's files change what `activity` is credited. */
const filesMatter = (activity: Activity) =>
  JSON.stringify(classify({ activity, config, kindOf, files: DESIGN_FILES })) !==
  JSON.stringify(classify({ activity, config, kindOf, files: [] }));

describe("needsPullRequestFiles: GitHub is asked for a PR's files only when they can change the credits", () => {
  const onPr = pr();
  const cases: [string, Activity, boolean][] = [
    ["a merge", prMerged(), true],
    ["someone else's review", review({ actor: HELPER }), true],
    ["someone else's inline comment", reviewComment({ actor: HELPER }), true],
    [
      "someone else's comment on the PR",
      comment({ actor: HELPER, item: { ...onPr, kind: "pull_request" } }),
      true,
    ],
    ["the author's own inline comment", reviewComment({ actor: AUTHOR }), false],
    [
      "the author's own comment on the PR",
      comment({ actor: AUTHOR, item: { ...onPr, kind: "pull_request" } }),
      false,
    ],
    ["a bot's review", review({ actor: BOT_BY_TYPE }), false],
    ["the empty envelope of inline comments", review({ actor: HELPER, state: "commented", body: "" }), false],
    ["a comment on an issue", comment({ actor: HELPER, item: issue() }), false],
  ];

  it.each(cases)("%s", (_, activity, needed) => {
    expect(needsPullRequestFiles(activity)).toBe(needed);
    // Never skipped where the files would have changed a credit.
    if (!needed) expect(filesMatter(activity)).toBe(false);
  });

  it("reviews by someone else do depend on the files (design review)", () => {
    expect(filesMatter(review({ actor: HELPER }))).toBe(true);
  });
});
