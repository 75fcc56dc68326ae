/** A changed file of a PR, as `GET /repos/{owner}/{repo}/pulls/{n}/files` lists it. */
export type DemoFile = {
  filename: string;
  additions: number;
  deletions: number;
  status: "added" | "modified" | "removed" | "renamed";
};

/** A PR associated with a commit, as `GET /repos/{owner}/{repo}/commits/{sha}/pulls` lists it. */
export type DemoCommitPull = { number: number; merged_at: string | null };

import type { DoubleRepo } from "../github-double/state.js";
import type { Owner } from "./shapes/accounts.js";
import type { DemoTeam } from "./shapes/team.js";

/** What the GitHub test double answers besides authentication and config. */
export type DemoApi = {
  /** Keyed by `owner/repo#number`. */
  pullFiles: Record<string, DemoFile[]>;
  /** Keyed by `owner/repo@sha`. */
  commitPulls: Record<string, DemoCommitPull[]>;
  /** The repositories the installation can see (`GET /installation/repositories`). */
  repositories?: Omit<DoubleRepo, "installationId" | "config">[];
  /** The organisation, its teams (`GET /orgs/{org}/teams` and their members) and its `.github/gluework.yml`. */
  org?: { owner: Owner; teams: DemoTeam[]; config: string };
};

/** One webhook delivery, as GitHub would send it. */
export type DemoDelivery = { id: string; name: string; payload: Record<string, unknown> };

/** A bundled month of an organisation's GitHub activity, and the API answers that go with it. */
export type DemoMonth = {
  installationId: number;
  org: string;
  since: Date;
  until: Date;
  deliveries: DemoDelivery[];
  api: DemoApi;
};
