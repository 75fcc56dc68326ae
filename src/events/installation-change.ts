import { z } from "zod";

/** An installation as its `installation` delivery names it: its id and the account it is on. */
export type InstallationRef = { id: number; accountLogin: string | null; accountId: number | null };

const installationEvent = z.object({
  installation: z.object({
    id: z.number().int().positive(),
    account: z.object({ login: z.string(), id: z.number().optional() }).passthrough().nullish(),
  }),
});

/** The installation an `installation` payload names, or null when it cannot be read. */
export const parseInstallation = (payload: unknown): InstallationRef | null => {
  const event = installationEvent.safeParse(payload);
  if (!event.success) return null;
  const { id, account } = event.data.installation;
  return { id, accountLogin: account?.login ?? null, accountId: account?.id ?? null };
};
