import type { DemoCommitPull } from "../demo-month.js";
import { gitIdentity, installation, organization, type Person, user } from "../shapes/accounts.js";
import { type CommitSpec, pushCommit } from "../shapes/commit.js";
import { gitSha } from "../shapes/ids.js";
import { pushRepository, type Repo, repoWebUrl } from "../shapes/repository.js";
import type { Timeline } from "../timeline.js";

/**
 * A `push` of `commits` to `ref` by `pusher`. The commits API will say each one belongs to
 * `mergedPull` (a merge) or to no PR at all (a direct push).
 */
export const push = (
  t: Timeline,
  repo: Repo,
  pusher: Person,
  at: string,
  commits: CommitSpec[],
  options: { ref?: string; mergedPull?: DemoCommitPull } = {},
) => {
  const ref = options.ref ?? `refs/heads/${repo.defaultBranch}`;
  const before = gitSha(`${repo.name}:${ref}:before:${at}`);
  const listed = commits.map((commit) => pushCommit(repo, commit));
  const last = listed.at(-1) ?? null;
  const after = last?.id ?? "0000000000000000000000000000000000000000";
  for (const commit of commits) {
    t.setCommitPulls(repo, commit.sha, options.mergedPull ? [options.mergedPull] : []);
  }
  t.emit(at, "push", {
    ref,
    before,
    after,
    repository: pushRepository(repo, at),
    pusher: gitIdentity(pusher),
    organization: organization(t.org),
    sender: user(pusher),
    installation: installation(t.installationId),
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `${repoWebUrl(repo)}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits: listed,
    head_commit: last,
  });
};

/** The push a merge makes to the default branch. */
export const pushToDefaultBranch = (
  t: Timeline,
  repo: Repo,
  pusher: Person,
  at: string,
  commits: CommitSpec[],
  mergedPull: DemoCommitPull,
) => push(t, repo, pusher, at, commits, { mergedPull });
