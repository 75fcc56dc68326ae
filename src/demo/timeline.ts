import type { DemoApi, DemoCommitPull, DemoDelivery, DemoFile } from "./demo-month.js";
import { installation, type Owner, organization, type Person, user } from "./shapes/accounts.js";
import { deliveryGuid, type IdKind, idSequence } from "./shapes/ids.js";
import { fullName, type Repo, repository } from "./shapes/repository.js";

type Scheduled = { at: string; order: number; name: string; payload: Record<string, unknown> };

/**
 * Where a story writes what happens: webhook deliveries, each at its moment, and the API
 * answers GitHub would give about them. `finish` returns the deliveries in time order.
 */
export type Timeline = {
  installationId: number;
  org: Owner;
  /** A fresh GitHub id of this kind. */
  nextId: (kind: IdKind) => number;
  /** Schedules a delivery of `name` at `at`. */
  emit: (at: string, name: string, payload: Record<string, unknown>) => void;
  /** The top-level fields every event from `repo` carries, with `sender`. */
  envelope: (repo: Repo, sender: Person) => Record<string, unknown>;
  setPullFiles: (repo: Repo, number: number, files: DemoFile[]) => void;
  setCommitPulls: (repo: Repo, sha: string, pulls: DemoCommitPull[]) => void;
  finish: () => { deliveries: DemoDelivery[]; api: DemoApi };
};

export const createTimeline = (options: { installationId: number; org: Owner }): Timeline => {
  const scheduled: Scheduled[] = [];
  const api: DemoApi = { pullFiles: {}, commitPulls: {} };
  return {
    installationId: options.installationId,
    org: options.org,
    nextId: idSequence(),
    emit: (at, name, payload) => {
      if (Number.isNaN(Date.parse(at))) throw new Error(`not a timestamp: ${at}`);
      scheduled.push({ at, order: scheduled.length, name, payload });
    },
    envelope: (repo, sender) => ({
      repository: repository(repo),
      organization: organization(options.org),
      sender: user(sender),
      installation: installation(options.installationId),
    }),
    setPullFiles: (repo, number, files) => {
      api.pullFiles[`${fullName(repo)}#${number}`] = files;
    },
    setCommitPulls: (repo, sha, pulls) => {
      api.commitPulls[`${fullName(repo)}@${sha}`] = pulls;
    },
    finish: () => ({
      deliveries: scheduled
        .toSorted((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.order - b.order)
        .map((event, index) => ({
          id: deliveryGuid(`${index}:${event.name}:${event.at}`),
          name: event.name,
          payload: event.payload,
        })),
      api,
    }),
  };
};

/** Guards a thread's story against going back in time, which would replay events out of order. */
export const clock = (label: string, start: string) => {
  let now = start;
  return (at: string): string => {
    if (Date.parse(at) < Date.parse(now)) throw new Error(`${label}: ${at} is before ${now}`);
    now = at;
    return at;
  };
};
