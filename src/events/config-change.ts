import { z } from "zod";

/** The file Gluework reads its configuration from, in a repository's `.github` folder. */
export const CONFIG_FILE = "gluework.yml";

const configPush = z.object({
  ref: z.string(),
  installation: z.object({ id: z.number() }),
  repository: z.object({ id: z.number(), name: z.string(), default_branch: z.string() }),
  commits: z.array(
    z.object({ added: z.array(z.string()), modified: z.array(z.string()), removed: z.array(z.string()) }),
  ),
});

/**
 * A push to the default branch (where config is read from) that changes `.github/gluework.yml`: whose config changed — one repository's, or (repoId
 * null) the organisation's, when it is the `.github` repository's. Null for anything else.
 */
export const configChange = (
  name: string,
  payload: unknown,
): { installationId: number; repoId: number | null } | null => {
  if (name !== "push") return null;
  const push = configPush.safeParse(payload);
  if (!push.success || push.data.ref !== `refs/heads/${push.data.repository.default_branch}`) return null;
  const touched = push.data.commits.flatMap((c) => [...c.added, ...c.modified, ...c.removed]);
  if (!touched.some((path) => path.toLowerCase() === `.github/${CONFIG_FILE}`)) return null;
  const orgWide = push.data.repository.name === ".github";
  return { installationId: push.data.installation.id, repoId: orgWide ? null : push.data.repository.id };
};
