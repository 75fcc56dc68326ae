import { file, PEOPLE, REPOS } from "../cast.js";
import { gitSha } from "../shapes/ids.js";
import { startDiscussion } from "../threads/discussion-thread.js";
import { type IssueThread, openIssue } from "../threads/issue-thread.js";
import { openPull } from "../threads/pull-thread.js";
import { push } from "../threads/push.js";
import type { Timeline } from "../timeline.js";

const { mara, lin, sam, jonas, kwame } = PEOPLE;
const repo = REPOS.sdk;

const Q_AND_A = {
  id: 38911204,
  name: "Q&A",
  emoji: ":pray:",
  slug: "q-a",
  description: "Ask the community for help",
  answerable: true,
};

/**
 * rover-sdk in October: a user's question answered in Discussions, an async client, retry
 * docs merged by rebase, a help-wanted build issue, direct pushes, and an issue moved in from
 * mission-control (`movedIn`).
 */
export const roverSdkOctober = (t: Timeline, movedIn: IssueThread): void => {
  const imu = startDiscussion(t, repo, {
    number: 12,
    author: kwame,
    title: "How do I stream IMU data at 200 Hz?",
    body: "`client.stream()` seems capped at 50 Hz. Is there a way to get the raw IMU rate?",
    at: "2026-10-07T10:20:00Z",
    category: Q_AND_A,
  });
  const linAnswer = imu.reply(
    lin,
    "2026-10-07T13:00:00Z",
    "Pass `rate_hz=200` to `client.stream()`; the default is 50 Hz to spare the radio link.",
  );
  imu.reply(
    mara,
    "2026-10-07T15:30:00Z",
    "And raise `buffer` to ~400 samples, or you'll drop frames on Wi-Fi.",
  );
  imu.reply(kwame, "2026-10-08T08:50:00Z", "That did it, thanks both!");
  imu.markAnswer(kwame, "2026-10-08T09:00:00Z", linAnswer);

  const asyncClient = openPull(t, repo, {
    number: 55,
    author: sam,
    title: "Async client",
    body: "Adds `AsyncClient` on top of anyio; the sync client wraps it.",
    branch: "sam/async-client",
    at: "2026-10-14T09:00:00Z",
    reviewers: [mara],
    files: [
      file("src/rover_sdk/async_client.py", 260),
      file("src/rover_sdk/client.py", 40, 95),
      file("tests/test_async_client.py", 150),
    ],
  });
  asyncClient.review(
    mara,
    "2026-10-15T10:00:00Z",
    "approved",
    "Clean split. The cancellation tests are great.",
  );
  asyncClient.merge(sam, "2026-10-15T10:30:00Z", "squash");

  const wheels = openIssue(t, repo, {
    number: 57,
    author: sam,
    title: "Windows wheels fail to build",
    body: "The cibuildwheel job fails on windows-latest since the runner image update.",
    at: "2026-10-15T16:00:00Z",
  });
  wheels.label(sam, "2026-10-15T16:00:00Z", "help wanted");
  wheels.comment(jonas, "2026-10-16T09:30:00Z", "The new image needs `vcvarsall` on PATH; PR incoming.");

  const retries = openPull(t, repo, {
    number: 56,
    author: lin,
    title: "docs: document retry semantics",
    body: "Explains which calls are retried, with what backoff, and how to turn it off.",
    branch: "lin/retry-docs",
    at: "2026-10-19T09:00:00Z",
    files: [
      file("docs/retries.md", 90),
      file("docs/index.md", 3, 0, "modified"),
      file("mkdocs.yml", 1, 0, "modified"),
    ],
  });
  retries.review(mara, "2026-10-19T11:00:00Z", "approved", "Exactly what support keeps getting asked.");
  retries.merge(lin, "2026-10-19T11:15:00Z", "rebase");

  movedIn.comment(lin, "2026-10-21T10:00:00Z", "Fixed in 0.9.2: a timeout now raises `TelemetryTimeout`.");
  movedIn.close(lin, "2026-10-22T09:00:00Z", "completed");

  push(t, repo, lin, "2026-10-22T15:00:00Z", [
    {
      sha: gitSha("rover-sdk:streaming-guide"),
      author: lin,
      message: "docs: streaming guide",
      at: "2026-10-22T14:55:00Z",
      added: ["docs/streaming.md"],
      modified: ["README.md"],
    },
  ]);
  push(t, repo, sam, "2026-10-23T11:00:00Z", [
    {
      sha: gitSha("rover-sdk:typo"),
      author: sam,
      message: "Fix typo in connection error message",
      at: "2026-10-23T10:58:00Z",
      modified: ["src/rover_sdk/errors.py"],
    },
  ]);
};
