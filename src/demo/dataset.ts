import { ORG, ORG_CONFIG_REPO, REPOS } from "./cast.js";
import type { DemoMonth } from "./demo-month.js";
import type { Repo } from "./shapes/repository.js";
import { fleetOpsOctober } from "./stories/fleet-ops.js";
import { missionControlOctober } from "./stories/mission-control.js";
import { roverFirmwareOctober } from "./stories/rover-firmware.js";
import { roverSdkOctober } from "./stories/rover-sdk.js";
import { DEMO_ORG_CONFIG, DEMO_TEAMS } from "./teams.js";
import { createTimeline } from "./timeline.js";

export type { DemoApi, DemoCommitPull, DemoDelivery, DemoFile, DemoMonth } from "./demo-month.js";

/** A repository of the org as the GitHub double holds it for the demo's installation. */
const installedRepo = (repo: Repo) => ({
  id: repo.id,
  owner: repo.owner.login,
  name: repo.name,
  private: repo.private,
  defaultBranch: repo.defaultBranch,
});

/** The installation id the demo's deliveries carry. */
export const DEMO_INSTALLATION_ID = 4242;

/**
 * October 2026 at Acme Robotics: every webhook delivery of the month in the order GitHub sent
 * them, and the API answers that go with them. Fixed dates and ids: identical on every call.
 */
export const buildDemoMonth = (): DemoMonth => {
  const t = createTimeline({ installationId: DEMO_INSTALLATION_ID, org: ORG });
  roverFirmwareOctober(t);
  const { movedToSdk } = missionControlOctober(t);
  roverSdkOctober(t, movedToSdk);
  fleetOpsOctober(t);
  const { deliveries, api } = t.finish();
  return {
    installationId: DEMO_INSTALLATION_ID,
    org: ORG.login,
    since: new Date("2026-10-01T00:00:00.000Z"),
    until: new Date("2026-10-31T23:59:59.999Z"),
    deliveries,
    api: {
      ...api,
      repositories: [...Object.values(REPOS), ORG_CONFIG_REPO].map(installedRepo),
      org: { owner: ORG, teams: DEMO_TEAMS, config: DEMO_ORG_CONFIG },
    },
  };
};
