import type { Sql } from "../../src/store/db.js";
import { recordCredits } from "../../src/store/record-credits.js";
import { applyTeamChange, saveTeamRead } from "../../src/store/teams.js";
import { creditOf } from "./credits.js";
import { defaultOrder } from "./order-rules.js";

export const MID_OCTOBER = new Date("2026-10-15T00:00:00.000Z");

/**
 * Teams with a history, read and changed the way the server keeps them: `platform` with `infra`
 * nested in it and the secret `security`. mona (id 1) is in platform until mid-October, then in
 * security; hubot (2) is in infra throughout; lisa (3) is in no team.
 */
export const seedTeams = async (sql: Sql, installationId = 1): Promise<void> => {
  await saveTeamRead(
    sql,
    installationId,
    [
      {
        team: { teamId: 10, slug: "platform", name: "Platform", privacy: "closed", parentTeamId: null },
        members: [{ userId: 1, login: "mona" }],
      },
      {
        team: { teamId: 11, slug: "infra", name: "Infra", privacy: "closed", parentTeamId: 10 },
        members: [{ userId: 2, login: "hubot" }],
      },
      {
        team: { teamId: 12, slug: "security", name: "Security", privacy: "secret", parentTeamId: null },
        members: [],
      },
    ],
    new Date("2026-09-01T00:00:00.000Z"),
  );
  const mona = { userId: 1, login: "mona" };
  await applyTeamChange(
    sql,
    { kind: "member-removed", installationId, teamId: 10, member: mona },
    MID_OCTOBER,
  );
  await applyTeamChange(
    sql,
    {
      kind: "member-added",
      installationId,
      team: { teamId: 12, slug: "security", name: "Security", privacy: "secret" },
      member: mona,
    },
    MID_OCTOBER,
  );
};

/** Reviews in October: mona's before and after she changed teams, hubot's, lisa's; one credit kept by login only. */
export const seedTeamCredits = async (sql: Sql, installationId = 1): Promise<void> => {
  const review = (key: string, actorLogin: string, actorId: number | null, occurredAt: string) =>
    creditOf({
      installationId,
      sourceKey: `review:${key}`,
      actorLogin,
      actorId,
      occurredAt,
      subjectKey: `acme/web#${key}`,
      url: `https://github.com/acme/web/pull/${key}#pullrequestreview-${key}`,
    });
  await recordCredits(
    sql,
    { installationId, deliveryId: "seed-teams", event: "seed" },
    [
      review("1", "mona", 1, "2026-10-02T10:00:00.000Z"),
      review("2", "mona", 1, "2026-10-20T10:00:00.000Z"),
      review("3", "hubot", 2, "2026-10-05T10:00:00.000Z"),
      // Recorded without an id: matched by login.
      review("4", "hubot", null, "2026-10-06T10:00:00.000Z"),
      review("5", "lisa", 3, "2026-10-07T10:00:00.000Z"),
    ],
    defaultOrder,
  );
};
