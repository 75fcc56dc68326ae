import { describe, expect, it } from "vitest";
import { CAUGHT_EARLY, NEWCOMER_RULES } from "../../src/report/monthly-highlights.js";
import { recordCommand } from "../../src/store/opt-outs.js";
import { savePullRequests } from "../../src/store/pull-requests.js";
import { recordCredits } from "../../src/store/record-credits.js";
import { queryNewcomerMerges, queryPreventativeWins } from "../../src/store/report-highlights.js";
import { creditOf } from "../helpers/credits.js";
import { useTestStore } from "../helpers/integration.js";
import { defaultOrder } from "../helpers/order-rules.js";
import { storeKinds } from "../helpers/stores.js";

const window = {
  installationId: 1,
  since: new Date("2026-10-01"),
  until: new Date("2026-10-31T23:59:59Z"),
  shownRepoIds: null,
};

describe.each(storeKinds())("monthly report highlights on %s store", (kind) => {
  const store = useTestStore(kind);

  it("name a newcomer's merged PR and a caught problem, and leave out a newcomer who opted out", async () => {
    await savePullRequests(store.sql, [
      {
        installationId: 1,
        repoId: 10,
        number: 1,
        repo: "acme/web",
        headSha: "a",
        authorLogin: "newbie",
        merged: true,
      },
      {
        installationId: 1,
        repoId: 10,
        number: 2,
        repo: "acme/web",
        headSha: "b",
        authorLogin: "shy",
        merged: true,
      },
    ]);
    const mentoring = (number: number) =>
      creditOf({
        sourceKey: `mentor:${number}`,
        actorLogin: "mentor",
        category: "onboarding",
        rule: "mentor.newcomer",
        subjectKey: `acme/web#${number}`,
        url: `https://github.com/acme/web/pull/${number}#pullrequestreview-${number}`,
      });
    const changesRequested = creditOf({
      sourceKey: "review:9",
      subjectKey: "acme/web#1",
      detail: "changes_requested",
    });
    await recordCredits(
      store.sql,
      { installationId: 1, deliveryId: "d-1", event: "test" },
      [mentoring(1), mentoring(2), changesRequested],
      defaultOrder,
    );
    expect(
      (await queryNewcomerMerges(store.sql, window, NEWCOMER_RULES)).map((merge) => [
        merge.login,
        merge.helpers,
      ]),
    ).toEqual([
      ["newbie", ["mentor"]],
      ["shy", ["mentor"]],
    ]);
    expect(await queryPreventativeWins(store.sql, window, CAUGHT_EARLY)).toEqual([
      { reviewer: "alice", url: changesRequested.url, pr: "acme/web#1" },
    ]);

    await recordCommand(
      store.sql,
      { installationId: 1, commentId: 77, login: "Shy", actorId: 555, command: "opt-out", accountId: 1 },
      async () => {},
    );
    expect(
      (await queryNewcomerMerges(store.sql, window, NEWCOMER_RULES)).map((merge) => merge.login),
    ).toEqual(["newbie"]);
  });

  it("join a credit only to the PR of its own repository, not to one that took its name", async () => {
    // acme/web (id 10) was renamed; a new repository (id 11) took the name and has a merged PR #3.
    await savePullRequests(store.sql, [
      {
        installationId: 1,
        repoId: 11,
        number: 3,
        repo: "acme/web",
        headSha: "c",
        authorLogin: "stranger",
        merged: true,
      },
    ]);
    await recordCredits(
      store.sql,
      { installationId: 1, deliveryId: "d-2", event: "test" },
      [
        creditOf({
          sourceKey: "mentor:old-3",
          actorLogin: "mentor",
          category: "onboarding",
          rule: "mentor.newcomer",
          subjectKey: "acme/web#3",
          url: "https://github.com/acme/web/pull/3#pullrequestreview-3",
        }),
      ],
      defaultOrder,
    );
    expect(
      (await queryNewcomerMerges(store.sql, window, NEWCOMER_RULES)).filter(
        (merge) => merge.pr === "acme/web#3",
      ),
    ).toEqual([]);
  });
});
