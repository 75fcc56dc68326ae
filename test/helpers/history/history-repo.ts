import type { DoubleRepo } from "../../../src/github-double/state.js";
import type { History } from "./synthetic-history.js";

/** A synthetic history's repository as the GitHub double holds it. */
export const historyRepo = (history: History): DoubleRepo => ({
  id: history.repo.id,
  owner: history.repo.owner,
  name: history.repo.name,
  private: history.repo.private,
  installationId: history.installationId,
  defaultBranch: history.repo.defaultBranch,
});
