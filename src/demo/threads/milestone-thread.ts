import type { Person } from "../shapes/accounts.js";
import { type MilestoneSnapshot, milestone } from "../shapes/issue.js";
import type { Repo } from "../shapes/repository.js";
import { clock, type Timeline } from "../timeline.js";

export type MilestoneSpec = { number: number; title: string; description: string; dueOn: string | null };

/** A milestone: created, filled with issues, closed. */
export const createMilestone = (t: Timeline, repo: Repo, by: Person, at: string, spec: MilestoneSpec) => {
  const tick = clock(`${repo.name} milestone ${spec.number}`, at);
  const state: MilestoneSnapshot = {
    repo,
    id: t.nextId("milestone"),
    ...spec,
    creator: by,
    openIssues: 0,
    closedIssues: 0,
    state: "open",
    createdAt: at,
    updatedAt: at,
    closedAt: null,
  };
  const emit = (when: string, action: string, sender: Person) => {
    state.updatedAt = tick(when);
    t.emit(when, "milestone", { action, milestone: milestone(state), ...t.envelope(repo, sender) });
  };
  emit(at, "created", by);
  return {
    /** The milestone as it is now, for an issue that joins it. */
    snapshot: (): MilestoneSnapshot => ({ ...state }),
    added: () => {
      state.openIssues += 1;
    },
    issueClosed: () => {
      state.openIssues -= 1;
      state.closedIssues += 1;
    },
    close: (closer: Person, when: string) => {
      state.state = "closed";
      state.closedAt = when;
      emit(when, "closed", closer);
    },
  };
};

export type MilestoneThread = ReturnType<typeof createMilestone>;
