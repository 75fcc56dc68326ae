import type { Person } from "../shapes/accounts.js";
import { type ReleaseSnapshot, release } from "../shapes/release.js";
import type { Repo } from "../shapes/repository.js";
import type { Timeline } from "../timeline.js";

export type ReleaseSpec = { tag: string; name: string; body: string };

/**
 * Publishing a release from the web UI: GitHub sends `created`, `published` and `released`
 * for it, all at once.
 */
export const publishRelease = (t: Timeline, repo: Repo, by: Person, at: string, spec: ReleaseSpec) => {
  const snapshot: ReleaseSnapshot = {
    repo,
    id: t.nextId("release"),
    ...spec,
    author: by,
    draft: false,
    createdAt: at,
    publishedAt: at,
  };
  for (const action of ["created", "published", "released"]) {
    t.emit(at, "release", { action, release: release(snapshot), ...t.envelope(repo, by) });
  }
};
