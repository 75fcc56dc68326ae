import { describe, expect, it } from "vitest";
import { reportArgs, reportWithNote } from "../../src/cli/report-command.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { storeKinds } from "../helpers/stores.js";
import { seedTeamCredits, seedTeams } from "../helpers/team-fixtures.js";

type Contributor = { login: string; teams: string[]; items: { url: string }[] };

describe.each(storeKinds())("gluework report by team on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  const report = async (...extra: string[]) => {
    await seedTeams(store.sql);
    await seedTeamCredits(store.sql);
    const options: Record<string, string> = {
      installation: "1",
      since: "2026-10-01",
      until: "2026-10-31",
      format: "json",
    };
    for (let i = 0; i < extra.length; i += 2) options[extra[i] as string] = extra[i + 1] as string;
    return reportWithNote(store.sql, reportArgs.parse(options));
  };

  const people = (output: string) =>
    (JSON.parse(output).contributors as Contributor[]).map((person) => [
      person.login,
      person.items.map((item) => item.url.replace(/.*pull\/(\d+)#.*/, "$1")),
    ]);

  it("--team keeps the credits earned while in the team, nested teams' members included", async () => {
    const platform = await report("team", "platform");
    expect(people(platform.output)).toEqual([
      ["hubot", ["3", "4"]],
      ["mona", ["1"]],
    ]);
    expect(
      people(
        (
          await reportWithNote(
            store.sql,
            reportArgs.parse({
              installation: "1",
              team: "Infra",
              format: "json",
              since: "2026-10-01",
              until: "2026-10-31",
            }),
          )
        ).output,
      ),
    ).toEqual([["hubot", ["3", "4"]]]);
    expect(
      people(
        (
          await reportWithNote(
            store.sql,
            reportArgs.parse({
              installation: "1",
              team: "security",
              format: "json",
              since: "2026-10-01",
              until: "2026-10-31",
            }),
          )
        ).output,
      ),
    ).toEqual([["mona", ["2"]]]);
  });

  it("--format json gives each contributor the teams they were in when they did the work, secret ones too", async () => {
    const { output } = await report();
    const teams = Object.fromEntries(
      (JSON.parse(output).contributors as Contributor[]).map((person) => [person.login, person.teams]),
    );
    expect(teams).toEqual({ mona: ["platform", "security"], hubot: ["infra", "platform"], lisa: [] });
    // Before mid-October mona was in platform only.
    const early = await reportWithNote(
      store.sql,
      reportArgs.parse({ installation: "1", since: "2026-10-01", until: "2026-10-10", format: "json" }),
    );
    expect(
      (JSON.parse(early.output).contributors as Contributor[]).find((person) => person.login === "mona")
        ?.teams,
    ).toEqual(["platform"]);
  });

  it("the Markdown report says which team it is kept to", async () => {
    const { output } = await report("team", "platform", "format", "markdown");
    expect(output.split("\n")[0]).toBe("# Glue work of team platform, 2026-10-01 to 2026-10-31");
    expect(output).toContain("2 people earned **3 glue credits**");
  });

  it("a team with no credits in the window says so, and an unknown team names the known ones", async () => {
    const empty = await report("team", "security", "until", "2026-10-10");
    expect(JSON.parse(empty.output).contributors).toEqual([]);
    expect(empty.note).toBe(
      "No credits from members of team security (or the teams nested in it) while they were in it, from 2026-10-01 to 2026-10-10 (UTC).",
    );
    await expect(report("team", "nobody")).rejects.toThrow(
      "Installation 1 has no team called nobody: its teams are infra, platform, security.",
    );
  });
});
