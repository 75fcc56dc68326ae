import { verify } from "node:crypto";

/**
 * The app id (`iss`) of an app JWT in `authorization`, or null when there is none. With the app's
 * public key the RS256 signature must hold; without one any well-formed JWT is taken at its word
 * (the demo signs with a throwaway key, and nothing leaves the machine).
 */
export const appIdOfJwt = (authorization: string | null, publicKey: string | null): number | null => {
  const match = /^bearer (.+)$/i.exec(authorization ?? "");
  const [header, payload, signature] = match?.[1]?.split(".") ?? [];
  if (!header || !payload || !signature) return null;
  if (
    publicKey !== null &&
    !verify("RSA-SHA256", Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, "base64url"))
  )
    return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { iss?: unknown };
    const iss = Number(claims.iss);
    return Number.isInteger(iss) ? iss : null;
  } catch {
    return null;
  }
};
