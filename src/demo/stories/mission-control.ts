import { file, PEOPLE, REPOS } from "../cast.js";
import { type IssueThread, openIssue } from "../threads/issue-thread.js";
import { createMilestone } from "../threads/milestone-thread.js";
import { openPull } from "../threads/pull-thread.js";
import type { Timeline } from "../timeline.js";

const { mara, tomasz, lin, sam, priya, jonas, aiko, kwame, zed, renovate } = PEOPLE;
const repo = REPOS.missionControl;

const TELEMETRY_V2 = `Telemetry v2: event-sourced, replayable, cheaper to store.

- [x] ADR 0012: event-sourced telemetry store
- [ ] Ingest service writes events
- [ ] Map view reads from the projection
- [ ] SDK streaming on top of the event log
- [ ] Retire the v1 tables`;

/**
 * mission-control in October: the telemetry v2 plan (milestone, tracking issue, ADR, roadmap),
 * onboarding docs, a Renovate bump, map trails, and bug reports from users.
 */
export const missionControlOctober = (t: Timeline): { movedToSdk: IssueThread } => {
  const v31 = createMilestone(t, repo, aiko, "2026-10-02T09:00:00Z", {
    number: 12,
    title: "v3.1: Telemetry v2",
    description: "Event-sourced telemetry end to end.",
    dueOn: "2026-11-27T08:00:00Z",
  });
  const epic = openIssue(t, repo, {
    number: 301,
    author: aiko,
    title: "Telemetry v2 (tracking)",
    body: TELEMETRY_V2,
    at: "2026-10-02T09:30:00Z",
  });
  epic.label(aiko, "2026-10-02T09:31:00Z", "epic");
  epic.milestone(aiko, "2026-10-02T09:35:00Z", v31);

  const adr = openPull(t, repo, {
    number: 302,
    author: aiko,
    title: "ADR 0012: event-sourced telemetry store",
    body: "Proposes storing telemetry as an append-only event log with projections per view.",
    branch: "aiko/adr-0012",
    at: "2026-10-05T10:00:00Z",
    labels: ["rfc"],
    reviewers: [mara, jonas, sam],
    files: [file("docs/adr/0012-event-sourced-telemetry.md", 212)],
  });
  adr.review(mara, "2026-10-05T16:00:00Z", "commented", "Strong proposal. Two questions on retention.", [
    {
      path: "docs/adr/0012-event-sourced-telemetry.md",
      line: 64,
      body: "How long do we keep raw events once projections exist?",
    },
    {
      path: "docs/adr/0012-event-sourced-telemetry.md",
      line: 140,
      body: "Snapshotting every 10k events seems low for 50 Hz streams.",
    },
  ]);
  adr.comment(sam, "2026-10-06T10:00:00Z", "How does replay interact with the SDK's streaming API?");
  adr.review(
    jonas,
    "2026-10-06T11:30:00Z",
    "approved",
    "Ops side is fine; we can size the Postgres for this.",
  );
  adr.review(mara, "2026-10-07T09:00:00Z", "approved", "Retention answer is convincing. Let's do it.");
  adr.merge(aiko, "2026-10-07T10:00:00Z", "squash");

  const exportUnits = openIssue(t, repo, {
    number: 311,
    author: zed,
    title: "CSV export is missing units",
    body: "The exported CSV has no units in the header, so speed could be m/s or km/h.",
    at: "2026-10-06T12:00:00Z",
  });
  exportUnits.comment(tomasz, "2026-10-08T10:00:00Z", "Units were added to the header in 3.0.1; closing.");
  exportUnits.close(tomasz, "2026-10-08T10:01:00Z", "completed");

  const roadmap = openPull(t, repo, {
    number: 303,
    author: aiko,
    title: "Q4 roadmap update",
    body: "Moves telemetry v2 up, pushes offline maps to Q1.",
    branch: "aiko/roadmap-q4",
    at: "2026-10-08T13:00:00Z",
    files: [file("ROADMAP.md", 45, 20)],
  });
  roadmap.review(mara, "2026-10-08T15:00:00Z", "approved", "Matches what we agreed at planning.");
  roadmap.merge(aiko, "2026-10-08T15:10:00Z", "squash");

  const contributing = openPull(t, repo, {
    number: 304,
    author: lin,
    title: "Rewrite CONTRIBUTING; add a devcontainer",
    body: "New contributors can now open the repo in a devcontainer and run the console in one step.",
    branch: "lin/contributing",
    at: "2026-10-09T10:00:00Z",
    files: [
      file("CONTRIBUTING.md", 120, 40),
      file(".devcontainer/devcontainer.json", 28),
      file(".nvmrc", 1, 1),
    ],
  });
  contributing.review(
    tomasz,
    "2026-10-09T14:00:00Z",
    "approved",
    "Tried the devcontainer from scratch: works.",
  );
  contributing.merge(lin, "2026-10-09T14:30:00Z", "squash");

  const vite = openPull(t, repo, {
    number: 305,
    author: renovate,
    title: "chore(deps): update dependency vite to v7.1.4",
    body: "This PR contains the following updates: vite 7.1.3 → 7.1.4.",
    branch: "renovate/vite-7.x",
    at: "2026-10-12T04:00:00Z",
    labels: ["dependencies"],
    files: [file("package.json", 1, 1), file("package-lock.json", 40, 38)],
  });
  vite.comment(renovate, "2026-10-12T04:01:00Z", "ℹ Artifact update notice: package-lock.json was updated.");
  vite.review(priya, "2026-10-12T09:00:00Z", "approved", null);
  vite.merge(priya, "2026-10-12T09:05:00Z", "squash");

  const trails = openPull(t, repo, {
    number: 306,
    author: priya,
    title: "Map view: show rover trails",
    body: "Draws the last 10 minutes of each rover's path.",
    branch: "priya/map-trails",
    at: "2026-10-12T10:00:00Z",
    draft: true,
    files: [
      file("src/map/trails.tsx", 210),
      file("src/map/trails.test.tsx", 88),
      file("src/map/index.ts", 3, 1),
    ],
  });

  const safari = openIssue(t, repo, {
    number: 307,
    author: kwame,
    title: "Mission timeline doesn't load in Safari 18",
    body: "The timeline stays blank in Safari 18.1 on macOS; Chrome works.",
    at: "2026-10-13T08:00:00Z",
  });
  safari.label(tomasz, "2026-10-13T09:10:00Z", "bug");
  safari.comment(
    tomasz,
    "2026-10-13T09:12:00Z",
    "Thanks for the report! Could you share the console output?",
  );
  safari.comment(kwame, "2026-10-13T12:00:00Z", "TypeError: findLast is not a function (worker.js:212)");
  const safariAgain = openIssue(t, repo, {
    number: 308,
    author: kwame,
    title: "Timeline blank on Safari",
    body: "Filing again in case the first one got lost.",
    at: "2026-10-13T20:00:00Z",
  });
  safari.assign(tomasz, "2026-10-14T10:00:00Z", priya);
  safari.milestone(tomasz, "2026-10-14T10:01:00Z", v31);
  safariAgain.comment(tomasz, "2026-10-14T10:04:00Z", "Duplicate of #307; we're on it there.");
  safariAgain.close(tomasz, "2026-10-14T10:05:00Z", "duplicate");
  safari.comment(
    priya,
    "2026-10-14T10:30:00Z",
    "Reproduced: Safari lacks `findLast` in workers. Fix coming.",
  );

  const flaky = openIssue(t, repo, {
    number: 309,
    author: sam,
    title: "Flaky e2e: map zoom snapshot",
    body: "The zoom snapshot test fails about 1 run in 20 on CI.",
    at: "2026-10-15T08:00:00Z",
  });
  flaky.label(tomasz, "2026-10-15T08:20:00Z", "good first issue");

  trails.readyForReview("2026-10-15T09:00:00Z");
  trails.review(mara, "2026-10-16T11:00:00Z", "approved", "Lovely. One perf note inline, not blocking.", [
    {
      path: "src/map/trails.tsx",
      line: 54,
      body: "Memoise the projected points; this re-runs on every hover.",
    },
  ]);
  trails.merge(priya, "2026-10-16T15:00:00Z", "merge");
  epic.edit(aiko, "2026-10-16T16:00:00Z", TELEMETRY_V2.replace("- [ ] Map view", "- [x] Map view"));
  safari.close(priya, "2026-10-17T12:00:00Z", "completed");

  const timeout = openIssue(t, repo, {
    number: 310,
    author: kwame,
    title: "Python SDK raises on telemetry timeout",
    body: "`client.stream()` raises a bare `TimeoutError` after 30 s without data.",
    at: "2026-10-20T07:30:00Z",
  });
  const movedToSdk = timeout.transfer(tomasz, "2026-10-20T09:00:00Z", REPOS.sdk, 58);

  exportUnits.comment(zed, "2026-10-20T11:00:00Z", "Still happening in 3.0.2: speed has no unit.");
  exportUnits.reopen(mara, "2026-10-20T11:30:00Z");
  exportUnits.comment(priya, "2026-10-21T10:00:00Z", "Confirmed: the units fix missed the speed column.");

  // Planning with GitHub's own structure: a sub-issue of the epic, a type, a recorded blocker.
  const unitsModel = openIssue(t, repo, {
    number: 312,
    author: mara,
    title: "Telemetry v2: one units model for every view",
    body: "Views and exports should take units from one model instead of each formatting their own.",
    at: "2026-10-21T12:00:00Z",
  });
  epic.addSubIssue(aiko, "2026-10-21T12:05:00Z", unitsModel);
  exportUnits.setType(tomasz, "2026-10-21T12:10:00Z", "Bug");
  exportUnits.blockedBy(priya, "2026-10-21T12:15:00Z", unitsModel);
  unitsModel.close(mara, "2026-10-23T09:00:00Z", "completed");
  return { movedToSdk };
};
