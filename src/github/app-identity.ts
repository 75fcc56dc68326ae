import { z } from "zod";
import type { Octokit } from "./octokit.js";

/** Who Gluework is on GitHub: the app's id (check runs carry it) and its bot account's login. */
export type AppIdentity = { id: number; slug: string; botLogin: string };

/** Reads the identity when first asked; later calls share that answer. */
export type AppIdentitySource = () => Promise<AppIdentity>;

const appSchema = z.object({ id: z.number().int().positive(), slug: z.string().min(1) });

/**
 * The app's identity from `GET /app` (app JWT), read once for the life of the returned source: the
 * first call asks GitHub, every later one gets the same answer. A failed read is not kept, so the
 * next call asks again.
 */
export const createAppIdentitySource = (appClient: () => Promise<Octokit>): AppIdentitySource => {
  let known: Promise<AppIdentity> | null = null;
  return () => {
    known ??= appClient()
      .then((octokit) => octokit.request("GET /app"))
      .then(({ data }) => {
        const app = appSchema.parse(data);
        return { id: app.id, slug: app.slug, botLogin: `${app.slug}[bot]` };
      })
      .catch((error: unknown) => {
        known = null;
        throw error;
      });
    return known;
  };
};

/** True when GitHub names the app's own bot account as the author of a comment or issue. */
export const isAuthoredByApp = (
  app: AppIdentity,
  author: { login?: string | null } | null | undefined,
): boolean => author?.login?.toLowerCase() === app.botLogin.toLowerCase();

/**
 * The first of `items` that carries Gluework's marker and is Gluework's own. GitHub is asked who
 * the app is only when something carries the marker at all.
 */
export const findOwnItem = async <T>(
  items: readonly T[],
  carriesMarker: (item: T) => boolean,
  isOwn: (app: AppIdentity, item: T) => boolean,
  app: AppIdentitySource,
): Promise<T | null> => {
  const marked = items.filter(carriesMarker);
  if (marked.length === 0) return null;
  const identity = await app();
  return marked.find((item) => isOwn(identity, item)) ?? null;
};
