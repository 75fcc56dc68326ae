import { randomBytes } from "node:crypto";
import type { GitHubState } from "./state.js";

/** A new installation token of `installationId`, known to the double from now on. */
export const issueToken = (state: GitHubState, installationId: number): string => {
  const token = `ghs_${randomBytes(18).toString("hex")}`;
  state.tokens.set(token, installationId);
  return token;
};
