import { file, PEOPLE, REPOS } from "../cast.js";
import { gitSha } from "../shapes/ids.js";
import { openIssue } from "../threads/issue-thread.js";
import { createMilestone } from "../threads/milestone-thread.js";
import { openPull } from "../threads/pull-thread.js";
import { push } from "../threads/push.js";
import { publishRelease } from "../threads/release-thread.js";
import type { Timeline } from "../timeline.js";

const { mara, tomasz, lin, sam, priya, jonas, noor, zed, dependabot } = PEOPLE;
const repo = REPOS.firmware;

/**
 * rover-firmware in October: odometry and PID work, a newcomer's first PR, a PR blocked on
 * hardware, CI and CODEOWNERS, a heated bug report, and the v2.4.0 release.
 */
export const roverFirmwareOctober = (t: Timeline): void => {
  const v24 = createMilestone(t, repo, lin, "2026-10-01T09:10:00Z", {
    number: 7,
    title: "v2.4",
    description: "Wheel odometry, battery telemetry, drivetrain retune.",
    dueOn: "2026-10-30T07:00:00Z",
  });

  const odometry = openPull(t, repo, {
    number: 41,
    author: sam,
    title: "EKF: fuse wheel odometry",
    body: "Adds wheel odometry as a measurement in the EKF. Slip is modelled as extra process noise.",
    branch: "sam/ekf-odometry",
    at: "2026-10-01T10:12:00Z",
    reviewers: [mara],
    files: [
      file("src/ekf/odometry.cpp", 184),
      file("src/ekf/odometry.hpp", 41),
      file("test/ekf/test_odometry.cpp", 96),
      file("CHANGELOG.md", 2, 0, "modified"),
    ],
  });
  odometry.review(
    mara,
    "2026-10-01T15:40:00Z",
    "changes_requested",
    "The slip covariance has to grow with speed, otherwise we trust the wheels too much at 2 m/s. Details inline.",
    [
      { path: "src/ekf/odometry.cpp", line: 88, body: "Scale this by `v * v`; see the 2025 drift logs." },
      { path: "src/ekf/odometry.cpp", line: 131, body: "Nit: `dt` can be zero on the first tick." },
    ],
  );
  odometry.push(sam, "2026-10-02T08:55:00Z");
  odometry.comment(priya, "2026-10-02T09:30:00Z", "This should also fix the jitter in the map trail view.");
  odometry.review(mara, "2026-10-02T11:05:00Z", "approved", "Thanks for the extra test around zero `dt`.");
  odometry.merge(sam, "2026-10-02T11:20:00Z", "squash");

  const buildDocs = openPull(t, repo, {
    number: 42,
    author: noor,
    title: "docs: clarify toolchain setup in README",
    body: "I got stuck installing the ARM toolchain on Fedora, so I wrote down what worked.",
    branch: "fix-build-docs",
    at: "2026-10-03T17:02:00Z",
    fromFork: true,
    files: [file("README.md", 24, 9), file("docs/building.md", 31, 4)],
  });
  buildDocs.review(
    tomasz,
    "2026-10-05T09:15:00Z",
    "commented",
    "Welcome, and thank you! One suggestion inline.",
    [
      {
        path: "docs/building.md",
        line: 17,
        body: "Could you pin the toolchain to 13.3? 14.x miscompiles our ISR.",
      },
    ],
  );
  buildDocs.push(noor, "2026-10-05T14:00:00Z");
  buildDocs.review(mara, "2026-10-05T16:30:00Z", "approved", "Clear and accurate. Welcome aboard!");
  buildDocs.merge(mara, "2026-10-06T09:00:00Z", "squash");

  const ci = openPull(t, repo, {
    number: 43,
    author: jonas,
    title: "ci: cache the ARM toolchain, add CODEOWNERS",
    body: "CI drops from 14 to 5 minutes. CODEOWNERS routes motor/ and ekf/ reviews to the right people.",
    branch: "jonas/ci-cache",
    at: "2026-10-06T10:30:00Z",
    reviewers: [mara],
    files: [file(".github/workflows/ci.yml", 38, 11), file(".github/CODEOWNERS", 14)],
  });
  ci.review(mara, "2026-10-06T13:00:00Z", "approved", null);
  ci.merge(jonas, "2026-10-06T13:05:00Z", "merge");

  const pid = openPull(t, repo, {
    number: 44,
    author: sam,
    title: "motor: retune PID gains for the 2026 drivetrain",
    body: "New gearbox, new gains. Bench logs attached.",
    branch: "sam/pid-retune",
    at: "2026-10-07T09:00:00Z",
    files: [file("src/motor/pid.cpp", 22, 18), file("config/drivetrain.yaml", 6, 6)],
  });
  pid.review(
    mara,
    "2026-10-09T16:30:00Z",
    "approved",
    "Sorry for the wait. Bench numbers look right; ship it.",
  );
  pid.merge(sam, "2026-10-09T17:00:00Z", "squash");

  const battery = openPull(t, repo, {
    number: 45,
    author: priya,
    title: "telemetry: battery state over CAN",
    body: "Publishes state of charge and cell temperatures from the BMS.",
    branch: "priya/bms-telemetry",
    at: "2026-10-08T11:00:00Z",
    files: [file("src/telemetry/battery.cpp", 140), file("src/can/frames.hpp", 25, 3)],
  });
  battery.label(tomasz, "2026-10-08T15:00:00Z", "blocked");
  battery.label(tomasz, "2026-10-08T15:01:00Z", "hardware");

  const bump = openPull(t, repo, {
    number: 46,
    author: dependabot,
    title: "build(deps): bump actions/checkout from 4 to 5",
    body: "Bumps [actions/checkout](https://github.com/actions/checkout) from 4 to 5.",
    branch: "dependabot/github_actions/actions/checkout-5",
    at: "2026-10-12T06:03:00Z",
    labels: ["dependencies"],
    files: [file(".github/workflows/ci.yml", 2, 2)],
  });
  bump.review(jonas, "2026-10-12T09:40:00Z", "approved", null);
  bump.merge(jonas, "2026-10-12T09:41:00Z", "squash");

  battery.push(jonas, "2026-10-13T10:20:00Z");
  battery.review(mara, "2026-10-13T14:00:00Z", "approved", "Verified on the bench with rev C boards.");
  battery.unlabel(tomasz, "2026-10-13T14:10:00Z", "blocked");
  battery.merge(priya, "2026-10-13T15:00:00Z", "squash");

  const drift = openIssue(t, repo, {
    number: 47,
    author: zed,
    title: "Rover drifts left after updating to 2.3",
    body: "Since 2.3.0 my rover pulls left on straight runs. This is unacceptable for a paid product.",
    at: "2026-10-14T07:45:00Z",
  });
  drift.label(tomasz, "2026-10-14T08:30:00Z", "bug");
  drift.comment(mara, "2026-10-14T09:05:00Z", "Thanks for the report. Which IMU revision is on your rover?");
  drift.comment(zed, "2026-10-15T22:10:00Z", "I shouldn't have to debug your firmware for you.");

  const yaw = openPull(t, repo, {
    number: 49,
    author: sam,
    title: "ekf: compensate IMU yaw bias drift",
    body: "Fixes #47. Estimates gyro bias while stationary.",
    branch: "sam/yaw-bias",
    at: "2026-10-15T10:00:00Z",
    files: [file("src/ekf/bias.cpp", 77, 5), file("test/ekf/test_bias.cpp", 60)],
  });
  yaw.review(mara, "2026-10-15T13:20:00Z", "approved", "Good catch; the stationary detector is neat.");
  yaw.merge(mara, "2026-10-16T08:30:00Z", "squash");

  drift.lock(mara, "2026-10-16T09:00:00Z", "too heated");
  drift.comment(sam, "2026-10-16T09:10:00Z", "Fixed by #49, which ships in 2.4.0. Thanks for the logs.");
  drift.milestone(tomasz, "2026-10-16T09:15:00Z", v24);
  drift.close(tomasz, "2026-10-20T08:00:00Z", "completed");

  push(t, repo, mara, "2026-10-21T16:40:00Z", [
    {
      sha: gitSha("rover-firmware:bms-wiring-docs"),
      author: mara,
      message: "docs: wiring diagram for BMS rev C",
      at: "2026-10-21T16:38:00Z",
      added: ["docs/hardware/bms-wiring.md"],
      modified: ["docs/hardware/index.md"],
    },
  ]);

  const releasePrep = openPull(t, repo, {
    number: 50,
    author: lin,
    title: "Release v2.4.0",
    body: "Changelog and version bump for 2.4.0.",
    branch: "release/v2.4.0",
    at: "2026-10-27T10:00:00Z",
    reviewers: [mara],
    files: [file("CHANGELOG.md", 58, 1), file("src/version.hpp", 1, 1)],
  });
  releasePrep.review(mara, "2026-10-27T11:00:00Z", "approved", "Changelog reads well.");
  releasePrep.merge(lin, "2026-10-27T11:30:00Z", "squash");

  publishRelease(t, repo, lin, "2026-10-28T10:00:00Z", {
    tag: "v2.4.0",
    name: "v2.4.0",
    body: "Wheel odometry in the EKF, battery telemetry over CAN, retuned drivetrain, yaw bias fix.",
  });
  v24.close(lin, "2026-10-28T10:05:00Z");
};
