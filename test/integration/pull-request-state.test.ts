import { describe, expect, it } from "vitest";
import { findPullRequest, type PullRequestState, savePullRequests } from "../../src/store/pull-requests.js";
import { useTestStore } from "../helpers/integration.js";
import { storeKinds } from "../helpers/stores.js";

const state = (headSha: string, headAt: string | null, merged = false): PullRequestState => ({
  installationId: 1,
  repoId: 10,
  number: 4,
  repo: "acme/web",
  headSha,
  authorLogin: "mona",
  merged,
  headAt,
});

describe.each(storeKinds())("pull request state on %s store", (kind) => {
  const store = useTestStore(kind);
  const key = { installationId: 1, repoId: 10, number: 4 };

  it("keeps the newest head when deliveries arrive out of order, and stays merged", async () => {
    await savePullRequests(store.sql, [state("bbb", "2026-10-02T10:00:00Z")]);
    await savePullRequests(store.sql, [state("aaa", "2026-10-01T10:00:00Z", true)]);
    let pr = await findPullRequest(store.sql, key);
    expect([pr?.headSha, pr?.merged]).toEqual(["bbb", true]);
    await savePullRequests(store.sql, [state("ccc", "2026-10-03T10:00:00Z")]);
    pr = await findPullRequest(store.sql, key);
    expect([pr?.headSha, pr?.merged]).toEqual(["ccc", true]);
  });
});
