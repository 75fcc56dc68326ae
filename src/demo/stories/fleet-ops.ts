import { file, PEOPLE, REPOS } from "../cast.js";
import { gitSha } from "../shapes/ids.js";
import { openPull } from "../threads/pull-thread.js";
import { push } from "../threads/push.js";
import type { Timeline } from "../timeline.js";

const { mara, jonas } = PEOPLE;
const repo = REPOS.fleetOps;

/** fleet-ops (private, default branch `trunk`): a staging fleet, a runbook, a deploy pipeline. */
export const fleetOpsOctober = (t: Timeline): void => {
  const staging = openPull(t, repo, {
    number: 77,
    author: jonas,
    title: "terraform: staging fleet in eu-central-1",
    body: "Six staging rovers' worth of infrastructure, mirroring production at 1/10 scale.",
    branch: "jonas/staging-fleet",
    at: "2026-10-20T13:00:00Z",
    reviewers: [mara],
    files: [file("infra/staging/main.tf", 160), file("infra/staging/variables.tf", 40)],
  });
  staging.review(mara, "2026-10-21T09:30:00Z", "approved", "Plan output looks sane.");
  staging.merge(jonas, "2026-10-21T10:00:00Z", "squash");

  push(
    t,
    repo,
    jonas,
    "2026-10-22T17:00:00Z",
    [
      {
        sha: gitSha("fleet-ops:wip"),
        author: jonas,
        message: "wip: blue/green deploys",
        at: "2026-10-22T16:59:00Z",
        modified: ["deploy/rollout.sh"],
      },
    ],
    { ref: "refs/heads/jonas/blue-green" },
  );
  push(t, repo, jonas, "2026-10-23T08:45:00Z", [
    {
      sha: gitSha("fleet-ops:rollback-runbook"),
      author: jonas,
      message: "runbook: rollback procedure",
      at: "2026-10-23T08:40:00Z",
      added: ["docs/runbooks/rollback.md"],
    },
  ]);
  push(t, repo, jonas, "2026-10-24T10:15:00Z", [
    {
      sha: gitSha("fleet-ops:deploy-pipeline"),
      author: jonas,
      message: "Deploy pipeline with manual approval; CODEOWNERS for infra/",
      at: "2026-10-24T10:12:00Z",
      added: [".github/workflows/deploy.yml"],
      modified: ["CODEOWNERS"],
    },
  ]);
};
