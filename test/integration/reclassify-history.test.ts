import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { reclassifyCommand } from "../../src/cli/reclassify-command.js";
import { smallHistory } from "../helpers/history/fixtures.js";
import { createGraphqlDouble } from "../helpers/history/graphql-double.js";
import { importHistory } from "../helpers/history/import-history.js";
import { mockHistoryApi } from "../helpers/history/mock-history-api.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { createTestProbot } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";

const silent = pino({ level: "silent" });

describe.each(storeKinds())("history's credits recomputed on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  it("gluework reclassify moves credits that only history gave, and a second run changes nothing", async () => {
    const history = smallHistory({ seed: 9, pullRequests: 4 });
    const guide = history.pullRequests[0]!;
    Object.assign(guide, {
      mergedAt: guide.createdAt,
      files: [{ path: "guides/setup.md", additions: 80, deletions: 0 }],
    });
    mockHistoryApi(createGraphqlDouble(history));
    await importHistory(store, history, new Date("2000-01-01"));
    const subject = `${history.repo.fullName}#${guide.number}`;
    const guideCredits = () =>
      store.sql<{ actor_login: string; rule: string }[]>`
        select actor_login, rule from credits where subject_key = ${subject} and rule in ('docs.pr', 'onboarding.docs')
      `;
    expect(await guideCredits()).toEqual([{ actor_login: guide.author.login, rule: "docs.pr" }]);
    const ledger = () => store.sql`select source_key, rule, weight from credits order by source_key, rule`;
    const before = await ledger();

    // The config changed without Gluework seeing the push: guides are onboarding now.
    await store.sql`update repo_configs set config = config || ${store.sql.json({ paths: { onboarding: ["guides/**"] } })}`;
    const octokit = await createTestProbot(store.sql).auth(history.installationId);
    const run = () =>
      reclassifyCommand({
        sql: store.sql,
        octokit,
        args: { installation: history.installationId, repo: history.repo.fullName },
        log: silent,
        tty: null,
      });
    expect(await run()).toMatch(/^\d+ activities classified again \(acme\/rockets\)\.$/m);
    expect(await guideCredits()).toEqual([{ actor_login: guide.author.login, rule: "onboarding.docs" }]);
    const after = await ledger();
    // Only the guide's credit moved.
    expect(
      after.filter(
        (row) => !before.some((old) => old.source_key === row.source_key && old.rule === row.rule),
      ),
    ).toHaveLength(1);
    await run();
    expect(await ledger()).toEqual(after);
  });
});
