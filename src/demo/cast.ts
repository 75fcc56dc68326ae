import type { DemoFile } from "./demo-month.js";
import type { Owner, Person } from "./shapes/accounts.js";
import type { Repo } from "./shapes/repository.js";

/** Acme Robotics: a small company that builds delivery rovers, and its four repositories. */
export const ORG: Owner = {
  login: "acme-robotics",
  id: 71234560,
  description: "Autonomous delivery rovers: firmware, mission control and the SDK.",
  kind: "Organization",
};

const member = (login: string, id: number, name: string): Person => ({
  login,
  id,
  name,
  type: "User",
  association: "MEMBER",
});

/** A bot that has opened PRs here before, so GitHub calls it a CONTRIBUTOR. */
const bot = (login: string, id: number): Person => ({
  login,
  id,
  name: login,
  type: "Bot",
  association: "CONTRIBUTOR",
});

/** The team, and the people and bots around it. */
export const PEOPLE = {
  /** Staff engineer: reviews almost everything. */
  mara: member("mara-okafor", 5827341, "Mara Okafor"),
  /** Maintainer who keeps the issue trackers tidy. */
  tomasz: member("tomasz-wrona", 9140266, "Tomasz Wrona"),
  /** Docs and releases. */
  lin: member("lin-zhao", 3348812, "Lin Zhao"),
  sam: member("sam-rivera", 12094577, "Sam Rivera"),
  priya: member("priya-nair", 17741203, "Priya Nair"),
  /** Infrastructure and CI. */
  jonas: member("jonas-berg", 7713590, "Jonas Berg"),
  /** Engineering manager: roadmap, milestones, design records. */
  aiko: member("aiko-tanaka", 4410981, "Aiko Tanaka"),
  /** A first-time contributor from outside the company. */
  noor: { ...member("noor-haddad", 88310452, "Noor Haddad"), association: "FIRST_TIME_CONTRIBUTOR" },
  /** Users of the rovers who file issues and ask questions. */
  kwame: { ...member("kwame-mensah", 61209934, "Kwame Mensah"), association: "NONE" },
  zed: { ...member("zed-hollis", 73355120, "Zed Hollis"), association: "NONE" },
  /** Dependency bots: busy, and never credited. */
  dependabot: bot("dependabot[bot]", 49699333),
  renovate: bot("renovate[bot]", 29139614),
} satisfies Record<string, Person>;

const repo = (name: string, id: number, details: Omit<Repo, "owner" | "name" | "id">): Repo => ({
  owner: ORG,
  name,
  id,
  ...details,
});

export const REPOS = {
  firmware: repo("rover-firmware", 512340001, {
    private: false,
    defaultBranch: "main",
    description: "Firmware for the Acme delivery rover: motor control, state estimation, telemetry.",
    language: "C++",
    createdAt: "2023-02-14T09:12:40Z",
    topics: ["robotics", "embedded", "firmware"],
  }),
  missionControl: repo("mission-control", 512340002, {
    private: false,
    defaultBranch: "main",
    description: "Web console to plan missions and watch the fleet live.",
    language: "TypeScript",
    createdAt: "2023-05-02T14:03:11Z",
    topics: ["fleet", "dashboard", "telemetry"],
  }),
  sdk: repo("rover-sdk", 512340003, {
    private: false,
    defaultBranch: "main",
    description: "Python SDK for commanding rovers and streaming their telemetry.",
    language: "Python",
    createdAt: "2024-01-22T10:45:00Z",
    topics: ["sdk", "python", "robotics"],
  }),
  fleetOps: repo("fleet-ops", 512340004, {
    private: true,
    defaultBranch: "trunk",
    description: "Infrastructure, deploy pipelines and runbooks for the rover fleet.",
    language: "HCL",
    createdAt: "2023-09-05T08:30:00Z",
    topics: [],
  }),
} satisfies Record<string, Repo>;

/** The organisation's `.github` repository: no activity of its own; it receives the monthly report. */
export const ORG_CONFIG_REPO = repo(".github", 512340000, {
  private: false,
  defaultBranch: "main",
  description: "Organisation-wide community health files and settings.",
  language: "Markdown",
  createdAt: "2023-02-01T09:00:00Z",
  topics: [],
});

/** A changed file in a PR's file list. */
export const file = (
  filename: string,
  additions: number,
  deletions = 0,
  status: DemoFile["status"] = deletions === 0 ? "added" : "modified",
): DemoFile => ({ filename, additions, deletions, status });
