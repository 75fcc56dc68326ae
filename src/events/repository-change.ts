import { z } from "zod";
import type { RepositoryChange } from "../vocabulary/repository-change.js";
import { installationSchema, repositorySchema } from "./payload.js";

/** The `repository` actions that change what Gluework stores of a repository: its name or who may read it. */
export const REPOSITORY_ACTIONS = [
  "renamed",
  "transferred",
  "privatized",
  "publicized",
  "deleted",
  "archived",
  "unarchived",
  "edited",
] as const;

const repositoryEvent = z.object({
  action: z.string(),
  installation: installationSchema,
  repository: repositorySchema.extend({ visibility: z.string().optional() }),
});

/**
 * A `repository` delivery as the change Gluework keeps, or null for an action that changes
 * nothing it stores. Throws a ZodError for a payload without the fields it reads.
 */
export const parseRepositoryChange = (payload: unknown): RepositoryChange | null => {
  const event = repositoryEvent.parse(payload);
  if (!(REPOSITORY_ACTIONS as readonly string[]).includes(event.action)) return null;
  const { repository } = event;
  const visibility = repository.visibility ?? (repository.private ? "private" : "public");
  return {
    installationId: event.installation.id,
    repoId: repository.id,
    fullName: repository.full_name,
    // A deleted repository's credits are nobody's to show any more.
    private: event.action === "deleted" || repository.private || visibility !== "public",
  };
};
