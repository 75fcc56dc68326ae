import { monthWindow } from "../report/periods.js";
import type { MonthScope } from "../store/month-scope.js";
import type { Destination } from "./report-destinations.js";

/**
 * The credits one destination's issue may count in `period`: a public destination only those of
 * `publicRepoIds` (the repositories public now), a repository's own issue only that repository's.
 */
export const destinationScope = (
  installationId: number,
  period: string,
  destination: Pick<Destination, "private" | "onlyRepoId">,
  publicRepoIds: readonly number[],
): MonthScope => ({
  installationId,
  ...monthWindow(period),
  shownRepoIds: destination.private ? null : publicRepoIds,
  repoId: destination.onlyRepoId,
});
