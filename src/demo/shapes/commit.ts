import { gitIdentity, type Person } from "./accounts.js";
import { gitSha } from "./ids.js";
import { type Repo, repoWebUrl } from "./repository.js";

/** A commit as a push event lists it. */
export type CommitSpec = {
  sha: string;
  author: Person;
  /** Who committed it: the author, or GitHub itself for a merge made in the web UI. */
  committer?: Person | "web-flow";
  message: string;
  at: string;
  added?: string[];
  modified?: string[];
  removed?: string[];
};

const WEB_FLOW = { name: "GitHub", email: "noreply@github.com", username: "web-flow" };

export const pushCommit = (repo: Repo, c: CommitSpec) => {
  const author = { ...gitIdentity(c.author), username: c.author.login };
  const committer =
    c.committer === "web-flow"
      ? WEB_FLOW
      : { ...gitIdentity(c.committer ?? c.author), username: (c.committer ?? c.author).login };
  return {
    id: c.sha,
    tree_id: gitSha(`tree:${c.sha}`),
    distinct: true,
    message: c.message,
    timestamp: c.at,
    url: `${repoWebUrl(repo)}/commit/${c.sha}`,
    author,
    committer,
    added: c.added ?? [],
    removed: c.removed ?? [],
    modified: c.modified ?? [],
  };
};
