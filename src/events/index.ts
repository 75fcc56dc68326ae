export type {
  Activity,
  ActivityType,
  Actor,
  ItemRef,
  PullRequestRef,
  RepoRef,
  TriageAction,
} from "./activity.js";
export { itemKey } from "./activity.js";
export { INGESTED_EVENTS, type Normalised, normalize } from "./normalize.js";
export { isBotLogin, toIso } from "./refs.js";
