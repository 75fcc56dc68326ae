import { describe, expect, it } from "vitest";
import {
  findPullRequestFiles,
  findStoredFileLists,
  pullRequestKeyOf,
  saveFileLists,
} from "../../src/store/pull-request-files.js";
import { useTestStore } from "../helpers/integration.js";
import { storeKinds } from "../helpers/stores.js";

const pr = (number: number) => ({ installationId: 7, repoId: 70, number });
const files = (path: string) => [{ path, additions: 3, deletions: 1 }];

describe.each(storeKinds())("PR file lists on %s store", (kind) => {
  const store = useTestStore(kind);

  it("saves many lists in one call, the last one given for a PR winning", async () => {
    await saveFileLists(store.sql, [
      { key: pr(1), headSha: "a1", files: files("docs/old.md") },
      { key: pr(2), headSha: "b1", files: files("src/b.ts") },
      { key: pr(1), headSha: "a2", files: files("docs/new.md") },
    ]);
    expect(await findPullRequestFiles(store.sql, pr(1), "a2")).toEqual(files("docs/new.md"));
    expect(await findPullRequestFiles(store.sql, pr(1), "a1")).toBeNull();
    expect(await findPullRequestFiles(store.sql, pr(2))).toEqual(files("src/b.ts"));
  });

  it("says in one query which PRs have a list for the head asked, or any list without a head", async () => {
    await saveFileLists(store.sql, [
      { key: pr(11), headSha: "c1", files: files("a.md") },
      { key: pr(12), headSha: "d1", files: files("b.md") },
    ]);
    const stored = await findStoredFileLists(store.sql, [
      { ...pr(11), headSha: "c1" },
      { ...pr(12), headSha: "d2" },
      { ...pr(12), headSha: null },
      { ...pr(13), headSha: null },
    ]);
    expect([...stored].sort()).toEqual([pullRequestKeyOf(pr(11)), pullRequestKeyOf(pr(12))].sort());
    const exact = await findStoredFileLists(store.sql, [{ ...pr(12), headSha: "d2" }]);
    expect(exact.size).toBe(0);
    expect(await findStoredFileLists(store.sql, [])).toEqual(new Set());
  });
});
