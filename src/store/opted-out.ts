import type { Sql } from "./db.js";

/**
 * True for a credit of `credits c` whose person has not opted out of installation
 * `installationId`. A person is their user id: an opt-out leaves out the account that asked,
 * whatever login it has now, and never whoever takes its old login later. A credit recorded without
 * an id, or an opt-out recorded before ids were kept, can only be matched by login.
 *
 * Every subquery is uncorrelated, so each runs once (hashed) per statement; and not at all when the
 * installation has no opt-outs, the usual case.
 */
export const notOptedOut = (sql: Sql, installationId: number) => sql`
  (
    not exists (select from opt_outs where installation_id = ${installationId})
    or case
      when c.actor_id is null then lower(c.actor_login) not in (
        select o.login from opt_outs o where o.installation_id = ${installationId}
      )
      else c.actor_id not in (
          select o.actor_id from opt_outs o where o.installation_id = ${installationId} and o.actor_id is not null
        )
        and lower(c.actor_login) not in (
          select o.login from opt_outs o where o.installation_id = ${installationId} and o.actor_id is null
        )
    end
  )
`;

/** The same test for a row `r` about to be stored (any installation): true when its person opted out. */
export const optedOutRow = (sql: Sql) => sql`
  exists (
    select 1 from opt_outs o
    where o.installation_id = r.installation_id
      and (
        o.actor_id = r.actor_id
        or (o.login = lower(r.actor_login) and (o.actor_id is null or r.actor_id is null))
      )
  )
`;
