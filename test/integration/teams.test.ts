import nock from "nock";
import { pino } from "pino";
import { beforeEach, describe, expect, it } from "vitest";
import { createTeamSyncWorker } from "../../src/handlers/team-sync-worker.js";
import type { Sql } from "../../src/store/db.js";
import { saveInstallation } from "../../src/store/installations.js";
import { findTeam } from "../../src/store/team-queries.js";
import { example, fullUser } from "../helpers/examples.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { createTestProbot, receive } from "../helpers/probot.js";
import { storeKinds } from "../helpers/stores.js";
import { mockTeams } from "../helpers/teams-double.js";
import { webhookProblems } from "../helpers/webhook-schema.js";

const ORG = "Octocoders";
const T1 = new Date("2026-10-01T00:00:00Z");

type Row = { team_id: number; login: string; since: Date | null; until: Date | null };

const memberships = (sql: Sql) =>
  sql<Row[]>`
    select team_id, login, since, until from team_memberships
    order by team_id, login, since nulls first
  `;

describe.each(storeKinds())("teams kept current on %s store", (kind) => {
  const store = useIntegrationStore(kind);
  let clock = T1;

  const worker = () => {
    const probot = createTestProbot(store.sql);
    return createTeamSyncWorker({
      sql: store.sql,
      auth: (id) => probot.auth(id),
      log: pino({ level: "silent" }),
      now: () => clock,
    });
  };

  beforeEach(async () => {
    clock = T1;
    await saveInstallation(store.sql, { id: 1, accountLogin: ORG, accountId: 38302899 });
  });

  it("a full read stores every page of teams, direct members only, and nesting; members from before Gluework knew; a team deleted meanwhile is left out", async () => {
    const scope = mockTeams(
      ORG,
      [
        { id: 10, slug: "platform", members: [["mona", 1]], inherited: [["hubot", 2]] },
        { id: 11, slug: "infra", parent: 10, privacy: "secret", members: [["hubot", 2]] },
        { id: 12, slug: "docs", members: [["lisa", 3]] },
        { id: 14, slug: "just-deleted", members: [], gone: true },
      ],
      { perPage: 2 },
    );
    expect(await worker().syncDue()).toBe(1);
    expect(scope.isDone()).toBe(true);
    expect(
      await store.sql`select team_id, slug, privacy, parent_team_id from teams order by team_id`,
    ).toEqual([
      { team_id: 10, slug: "platform", privacy: "closed", parent_team_id: null },
      { team_id: 11, slug: "infra", privacy: "secret", parent_team_id: 10 },
      { team_id: 12, slug: "docs", privacy: "closed", parent_team_id: null },
    ]);
    expect(await memberships(store.sql)).toEqual([
      { team_id: 10, login: "mona", since: null, until: null },
      { team_id: 11, login: "hubot", since: null, until: null },
      { team_id: 12, login: "lisa", since: null, until: null },
    ]);
    expect((await findTeam(store.sql, 1, "Platform"))?.teamIds).toEqual([10, 11]);
    expect((await findTeam(store.sql, 1, "infra"))?.teamIds).toEqual([11]);
    expect(await findTeam(store.sql, 1, "nobody")).toBeNull();
    // Read: not due again until a day has passed.
    expect(await worker().syncDue()).toBe(0);
  });

  it("a later read closes memberships GitHub no longer lists and opens new ones at the time of the read", async () => {
    mockTeams(ORG, [
      {
        id: 10,
        slug: "platform",
        members: [
          ["mona", 1],
          ["hubot", 2],
        ],
      },
    ]);
    await worker().syncDue();
    clock = new Date(T1.getTime() + 2 * 86_400_000);
    mockTeams(ORG, [
      {
        id: 10,
        slug: "platform",
        members: [
          ["mona-renamed", 1],
          ["lisa", 3],
        ],
      },
      { id: 13, slug: "new-team", members: [["hubot", 2]] },
    ]);
    expect(await worker().syncDue()).toBe(1);
    expect(await memberships(store.sql)).toEqual([
      { team_id: 10, login: "hubot", since: null, until: clock },
      { team_id: 10, login: "lisa", since: clock, until: null },
      { team_id: 10, login: "mona-renamed", since: null, until: null },
      // A team first seen in a read: its members count from before Gluework knew.
      { team_id: 13, login: "hubot", since: null, until: null },
    ]);
  });

  it("an account GitHub lists no teams for is tried again a day later, and its first real read is still the first", async () => {
    nock("https://api.github.com")
      .get(`/orgs/${ORG}/teams`)
      .query({ per_page: "100" })
      .reply(403, { message: "Resource not accessible by integration" });
    expect(await worker().syncDue()).toBe(0);
    expect(await worker().syncDue()).toBe(0);
    clock = new Date(T1.getTime() + 86_400_000 + 1);
    mockTeams(ORG, [{ id: 10, slug: "platform", members: [["mona", 1]] }]);
    expect(await worker().syncDue()).toBe(1);
    expect(await memberships(store.sql)).toEqual([{ team_id: 10, login: "mona", since: null, until: null }]);
  });

  describe("webhooks", () => {
    const deliver = async (name: string, action: string, payload: Record<string, unknown>) => {
      expect(webhookProblems(`${name}.${action}`, payload)).toEqual([]);
      await receive(createTestProbot(store.sql), name, payload);
    };

    const readOnce = async () => {
      mockTeams(ORG, [
        { id: 3253328, slug: "github", members: [["mona", 1]] },
        { id: 20, slug: "child", parent: 3253328, members: [] },
      ]);
      await worker().syncDue();
    };

    const membership = (action: "added" | "removed", login: string, id: number) => {
      const payload = example("membership", action);
      payload.member = fullUser(login, id);
      return payload;
    };

    it("membership added and removed open and close a membership when they arrive; leaving the organisation closes them all", async () => {
      await readOnce();
      const before = new Date();
      await deliver("membership", "added", membership("added", "hubot", 2));
      await deliver("membership", "added", membership("added", "mona", 1));
      let rows = await memberships(store.sql);
      expect(rows.map((row) => [row.team_id, row.login, row.until])).toEqual([
        [3253328, "hubot", null],
        [3253328, "mona", null],
      ]);
      expect(rows[0]?.since?.getTime()).toBeGreaterThanOrEqual(before.getTime());
      // mona was a member already: her membership is not reopened.
      expect(rows[1]?.since).toBeNull();

      await deliver("membership", "removed", membership("removed", "hubot", 2));
      rows = await memberships(store.sql);
      expect(rows[0]?.until?.getTime()).toBeGreaterThanOrEqual(rows[0]?.since?.getTime() ?? Number.NaN);

      const left = example("organization", "member_added");
      left.action = "member_removed";
      left.membership = { ...left.membership, user: fullUser("mona", 1) };
      await deliver("organization", "member_removed", left);
      rows = await memberships(store.sql);
      expect(rows.every((row) => row.until !== null)).toBe(true);
    });

    it("a membership in a team not yet known stores the team and asks for a full read; team edits and deletions apply", async () => {
      await deliver("membership", "added", membership("added", "hubot", 2));
      expect(await store.sql`select team_id, slug, privacy from teams`).toEqual([
        { team_id: 3253328, slug: "github", privacy: "secret" },
      ]);
      expect(await store.sql`select due from team_syncs`).toEqual([{ due: true }]);
      await readOnce();
      expect(await store.sql`select due from team_syncs`).toEqual([{ due: false }]);

      const edited = example("team", "edited");
      edited.team = { ...edited.team, slug: "gh", name: "gh", privacy: "closed", parent: null };
      await deliver("team", "edited", edited);
      expect(
        await store.sql`select slug, privacy, parent_team_id from teams where team_id = 3253328`,
      ).toEqual([{ slug: "gh", privacy: "closed", parent_team_id: null }]);
      expect(await store.sql`select due from team_syncs`).toEqual([{ due: false }]);

      await deliver("team", "deleted", example("team", "deleted"));
      expect(await store.sql`select team_id from teams`).toEqual([{ team_id: 20 }]);
      expect(await store.sql`select team_id from team_memberships`).toEqual([]);
      expect(await store.sql`select due from team_syncs`).toEqual([{ due: true }]);
    });

    it("an uninstall removes the teams, and a later delivery stores none again", async () => {
      await readOnce();
      await receive(createTestProbot(store.sql), "installation", example("installation", "deleted"));
      await deliver("membership", "added", membership("added", "hubot", 2));
      for (const table of ["teams", "team_memberships", "team_syncs"])
        expect([table, await store.sql`select * from ${store.sql(table)}`]).toEqual([table, []]);
    });

    it("an organisation renamed is read under its new login; a rename of another account changes nothing", async () => {
      const other = example("organization", "renamed");
      other.organization = { ...other.organization, id: 5, login: "someone-else" };
      await deliver("organization", "renamed", other);
      expect(await store.sql`select account_login from installations`).toEqual([{ account_login: ORG }]);
      const renamed = example("organization", "renamed");
      renamed.organization = { ...renamed.organization, login: "Octocoders-2" };
      await deliver("organization", "renamed", renamed);
      mockTeams("Octocoders-2", [{ id: 10, slug: "platform", members: [["mona", 1]] }]);
      expect(await worker().syncDue()).toBe(1);
    });

    it("a payload without the fields it reads is skipped", async () => {
      await receive(createTestProbot(store.sql), "membership", {
        action: "added",
        scope: "team",
        installation: { id: 1 },
      });
      expect(await store.sql`select * from teams`).toEqual([]);
    });
  });
});
