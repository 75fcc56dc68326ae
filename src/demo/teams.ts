import { PEOPLE } from "./cast.js";
import type { DemoTeam } from "./shapes/team.js";

/**
 * Acme Robotics' teams: `rover` builds the firmware and the SDK, `console` the web console and the
 * fleet's infrastructure, the two-person `docs-guild` (its report section shows totals only), and
 * the secret `leads`, which no report in a public repository names.
 */
export const DEMO_TEAMS: DemoTeam[] = [
  {
    id: 6100201,
    slug: "rover",
    name: "Rover",
    privacy: "closed",
    members: [PEOPLE.mara, PEOPLE.tomasz, PEOPLE.priya, PEOPLE.sam],
  },
  {
    id: 6100202,
    slug: "console",
    name: "Console",
    privacy: "closed",
    members: [PEOPLE.lin, PEOPLE.jonas, PEOPLE.aiko],
  },
  { id: 6100203, slug: "leads", name: "Leads", privacy: "secret", members: [PEOPLE.mara, PEOPLE.aiko] },
  {
    id: 6100204,
    slug: "docs-guild",
    name: "Docs guild",
    privacy: "closed",
    members: [PEOPLE.lin, PEOPLE.priya],
  },
];

/** The organisation's `.github/gluework.yml`: a report section for every team; people named from three members. */
export const DEMO_ORG_CONFIG = "report:\n  teams: all\n  teams_min_size: 3\n";
