import type { Logger } from "pino";
import type { Octokit } from "../github/octokit.js";
import { readTeams } from "../github/read-teams.js";
import { createPollLoop } from "../poll-loop.js";
import type { Sql } from "../store/db.js";
import { dueTeamSyncs, saveTeamRead, skipTeamSync } from "../store/teams.js";

const DAY_MS = 86_400_000;

/** GitHub's answer for an account without teams (a user) or an app not granted `members: read`. */
const cannotRead = (error: unknown): boolean => {
  const status = (error as { status?: unknown }).status;
  return status === 403 || status === 404;
};

export type TeamSyncOptions = {
  sql: Sql;
  auth: (installationId: number) => Promise<Octokit>;
  log: Logger;
  /** How often to look for installations due a read. */
  pollMs?: number;
  /** How old a read may grow before the teams are read again in full. */
  staleMs?: number;
  now?: () => Date;
};

/**
 * Reads each installation's teams and members from GitHub in full: on install, when a webhook
 * marked them (a new team's parent, a deleted team's nested teams), and daily for what webhooks
 * miss. A read GitHub refuses (a user account has no teams; an app not yet granted `members:
 * read`) is tried again a day later; any other failure at the next round.
 */
export const createTeamSyncWorker = ({
  sql,
  auth,
  log,
  pollMs = 60_000,
  staleMs = DAY_MS,
  now = () => new Date(),
}: TeamSyncOptions) => {
  /** Reads one installation's teams in full; false when GitHub refused (tried again a day later). */
  const syncInstallation = async ({ installationId, org }: { installationId: number; org: string }) => {
    const teamLog = log.child({ installation: installationId });
    try {
      const teams = await readTeams(await auth(installationId), org);
      await saveTeamRead(sql, installationId, teams, now());
      teamLog.info({ teams: teams.length }, "teams read");
      return true;
    } catch (error) {
      if (!cannotRead(error)) throw error;
      teamLog.warn(
        { org },
        "GitHub refused to list the account's teams (no organisation, or the app lacks `members: read`); tried again tomorrow",
      );
      await skipTeamSync(sql, installationId, now());
      return false;
    }
  };

  /** Reads every due installation's teams; returns how many it read. */
  const syncDue = async (): Promise<number> => {
    let read = 0;
    for (const due of await dueTeamSyncs(sql, new Date(now().getTime() - staleMs))) {
      try {
        if (await syncInstallation(due)) read += 1;
      } catch (error) {
        log.error(
          { installation: due.installationId, err: error },
          "teams could not be read; tried again at the next round",
        );
      }
    }
    return read;
  };

  const loop = createPollLoop({
    round: () => syncDue().then(() => false),
    pollMs,
    firstDelayMs: 5_000,
    log,
    failure: "team sync round failed",
  });

  return { syncDue, syncInstallation, start: loop.start, wake: loop.wake, stop: loop.stop };
};
