import type { ParsedConfig } from "../config/parse-config.js";
import { configProblemsSchema } from "../config/parse-config.js";
import { configSchema } from "../config/schema.js";
import type { Sql, Tx } from "./db.js";

/** How long a cached config is trusted without a push invalidating it. */
const TTL_MINUTES = 60;

/** The cached config; `anyAge` also returns one past its TTL (for writers, which never fetch). */
export const findCachedConfig = async (
  sql: Sql,
  installationId: number,
  repoId: number,
  { anyAge = false } = {},
): Promise<ParsedConfig | null> => {
  const [row]: [{ config: unknown; problems: unknown }?] = await sql`
    select config, problems from repo_configs
    where installation_id = ${installationId} and repo_id = ${repoId}
      and (${anyAge} or fetched_at > now() - make_interval(mins => ${TTL_MINUTES}))
  `;
  if (!row) return null;
  const config = configSchema.safeParse(row.config);
  const problems = configProblemsSchema.safeParse(row.problems);
  return config.success && problems.success ? { config: config.data, problems: problems.data } : null;
};

export const saveCachedConfig = async (
  sql: Sql,
  installationId: number,
  repoId: number,
  parsed: ParsedConfig,
): Promise<void> => {
  await sql`
    insert into repo_configs (installation_id, repo_id, config, problems)
    values (${installationId}, ${repoId}, ${sql.json(parsed.config)}, ${sql.json(parsed.problems)})
    on conflict (installation_id, repo_id) do update
      set config = excluded.config, problems = excluded.problems, fetched_at = now()
  `;
};

/** Drops cached configs: one repository's, or (repoId null) every repository's of the installation. */
export const forgetCachedConfigQuery = (tx: Sql | Tx, installationId: number, repoId: number | null) => {
  const sql = tx as Sql;
  return repoId === null
    ? sql`delete from repo_configs where installation_id = ${installationId}`
    : sql`delete from repo_configs where installation_id = ${installationId} and repo_id = ${repoId}`;
};

export const forgetCachedConfig = async (
  sql: Sql,
  installationId: number,
  repoId: number | null,
): Promise<void> => {
  await forgetCachedConfigQuery(sql, installationId, repoId);
};
