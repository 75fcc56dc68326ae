import { nodeId } from "./accounts.js";
import { stableId } from "./ids.js";
import { type Repo, repoApiUrl } from "./repository.js";

/** The labels the demo org uses: GitHub's defaults plus a few of its own. */
const CATALOG = {
  bug: { color: "d73a4a", description: "Something isn't working", default: true },
  documentation: {
    color: "0075ca",
    description: "Improvements or additions to documentation",
    default: true,
  },
  duplicate: { color: "cfd3d7", description: "This issue or pull request already exists", default: true },
  enhancement: { color: "a2eeef", description: "New feature or request", default: true },
  "good first issue": { color: "7057ff", description: "Good for newcomers", default: true },
  "help wanted": { color: "008672", description: "Extra attention is needed", default: true },
  question: { color: "d876e3", description: "Further information is requested", default: true },
  blocked: { color: "b60205", description: "Waiting on something outside this PR", default: false },
  rfc: { color: "5319e7", description: "A proposal that wants design review", default: false },
  epic: { color: "3e4b9e", description: "Tracks a larger piece of work", default: false },
  dependencies: {
    color: "0366d6",
    description: "Pull requests that update a dependency file",
    default: false,
  },
  hardware: { color: "fbca04", description: "Needs a rover on the bench", default: false },
} as const satisfies Record<string, { color: string; description: string; default: boolean }>;

export type LabelName = keyof typeof CATALOG;

/** A label object, as issues, PRs and `labeled` events carry it. */
export const label = (repo: Repo, name: LabelName) => {
  const entry = CATALOG[name];
  const id = stableId(`${repo.id}/${name}`, 1_000_000_000);
  return {
    id,
    node_id: nodeId("Label", id),
    url: `${repoApiUrl(repo)}/labels/${encodeURIComponent(name)}`,
    name,
    color: entry.color,
    default: entry.default,
    description: entry.description,
  };
};
