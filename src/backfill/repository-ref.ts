import { z } from "zod";
import type { RepoRef } from "../vocabulary/activity.js";
import type { HistoryClient } from "./history-client.js";

const repositorySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  full_name: z.string(),
  private: z.boolean(),
  default_branch: z.string().optional(),
  owner: z.object({ login: z.string() }),
});

/** A repository as the REST API returns it, checked at the boundary. */
export const toRepoRef = (repository: unknown): RepoRef => {
  const parsed = repositorySchema.parse(repository);
  return {
    id: parsed.id,
    owner: parsed.owner.login,
    name: parsed.name,
    fullName: parsed.full_name,
    private: parsed.private,
    defaultBranch: parsed.default_branch ?? "main",
  };
};

/** A repository as webhooks describe it (id, visibility, default branch): one REST read. */
export const readRepository = async (client: HistoryClient, fullName: string): Promise<RepoRef> => {
  const [owner, repo] = fullName.split("/");
  const data = await client.request<unknown>("rest:repository", "GET /repos/{owner}/{repo}", { owner, repo });
  return toRepoRef(data);
};
