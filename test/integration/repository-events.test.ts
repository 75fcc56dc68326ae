import { beforeEach, describe, expect, it } from "vitest";
import { savePullRequests } from "../../src/store/pull-requests.js";
import { queryCredits } from "../../src/store/query-credits.js";
import { recordCredits } from "../../src/store/record-credits.js";
import { creditOf } from "../helpers/credits.js";
import { example } from "../helpers/examples.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { defaultOrder } from "../helpers/order-rules.js";
import { createTestProbot, receive } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";

/** The repository of GitHub's `repository` examples, and another that shares its old name. */
const REPO_ID = 186853261;
const OTHER_ID = 5;

describe.each(storeKinds())("repository events on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  beforeEach(async () => {
    await recordCredits(
      store.sql,
      { installationId: 1, deliveryId: "seed", event: "seed" },
      [
        creditOf({ repoId: REPO_ID, repo: "Octocoders/old-name", subjectKey: "Octocoders/old-name#1" }),
        creditOf({
          sourceKey: "review:2",
          repoId: REPO_ID,
          repo: "Octocoders/old-name",
          subjectKey: "Octocoders/old-name/discussions/4",
          subjectType: "discussion",
        }),
        creditOf({
          sourceKey: "review:3",
          repoId: OTHER_ID,
          repo: "Octocoders/old-name",
          subjectKey: "Octocoders/old-name#1",
        }),
      ],
      defaultOrder,
    );
    await savePullRequests(store.sql, [
      {
        installationId: 1,
        repoId: REPO_ID,
        number: 1,
        repo: "Octocoders/old-name",
        headSha: "a",
        authorLogin: "mona",
        merged: false,
      },
    ]);
  });

  const stored = () =>
    store.sql<{ repo_id: number; repo: string; subject_key: string; repo_private: boolean }[]>`
      select repo_id, repo, subject_key, repo_private from credits order by repo_id, source_key
    `;

  it("a rename gives the repository's credits and PRs its new name, and nothing of another repository", async () => {
    const payload = example("repository", "renamed");
    await receive(createTestProbot(store.sql), "repository", payload);
    expect(await stored()).toEqual([
      {
        repo_id: OTHER_ID,
        repo: "Octocoders/old-name",
        subject_key: "Octocoders/old-name#1",
        repo_private: false,
      },
      {
        repo_id: REPO_ID,
        repo: "Octocoders/Hello-World",
        subject_key: "Octocoders/Hello-World#1",
        repo_private: false,
      },
      {
        repo_id: REPO_ID,
        repo: "Octocoders/Hello-World",
        subject_key: "Octocoders/Hello-World/discussions/4",
        repo_private: false,
      },
    ]);
    const [pull] = await store.sql`select repo from pull_requests`;
    expect(pull?.repo).toBe("Octocoders/Hello-World");
  });

  it("a repository made private, internal or deleted is stored as private; made public, as public", async () => {
    const privatized = example("repository", "privatized");
    privatized.repository = { ...privatized.repository, id: REPO_ID, full_name: "Octocoders/old-name" };
    await receive(createTestProbot(store.sql), "repository", privatized);
    expect((await stored()).map((row) => [row.repo_id, row.repo_private])).toEqual([
      [OTHER_ID, false],
      [REPO_ID, true],
      [REPO_ID, true],
    ]);

    const publicized = example("repository", "publicized");
    publicized.repository = { ...publicized.repository, id: REPO_ID, full_name: "Octocoders/old-name" };
    await receive(createTestProbot(store.sql), "repository", publicized);
    expect((await stored()).every((row) => !row.repo_private)).toBe(true);

    // Internal: GitHub may say `private: false`; only everyone-can-read is public.
    const internal = example("repository", "edited");
    internal.repository = {
      ...internal.repository,
      id: REPO_ID,
      full_name: "Octocoders/old-name",
      private: false,
      visibility: "internal",
    };
    await receive(createTestProbot(store.sql), "repository", internal);
    expect((await stored()).filter((row) => row.repo_id === REPO_ID).every((row) => row.repo_private)).toBe(
      true,
    );

    await receive(createTestProbot(store.sql), "repository", publicized);
    const deleted = { ...publicized, action: "deleted" };
    await receive(createTestProbot(store.sql), "repository", deleted);
    expect((await stored()).filter((row) => row.repo_id === REPO_ID).every((row) => row.repo_private)).toBe(
      true,
    );
  });

  it("the operator's --repo names the repository that has the name now, by its id", async () => {
    // Both repositories were called Octocoders/old-name; OTHER_ID's credits were recorded later.
    await store.sql`update credits set recorded_at = now() + interval '1 minute' where repo_id = ${OTHER_ID}`;
    const rows = await queryCredits(store.sql, {
      installationId: 1,
      since: new Date("2000-01-01"),
      until: new Date("2100-01-01"),
      repo: "octocoders/OLD-NAME",
    });
    // By name it would have been all three; the newer repository has one.
    expect(rows.map((row) => row.subjectKey)).toEqual(["Octocoders/old-name#1"]);
  });
});
