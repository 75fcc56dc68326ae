import type { Sql } from "./db.js";

/**
 * `/gluework opt-out` and `opt-in`, recorded once per command comment (a redelivery returns
 * false and changes nothing). Opting out deletes the person's stored credits in the installation.
 */
export const recordCommand = async (
  sql: Sql,
  command: { installationId: number; commentId: number; login: string; command: string },
  reply: (tx: Sql) => Promise<void>,
): Promise<boolean> =>
  sql.begin(async (tx) => {
    const login = command.login.toLowerCase();
    const fresh = await tx`
      insert into commands (installation_id, comment_id, login, command)
      values (${command.installationId}, ${command.commentId}, ${login}, ${command.command})
      on conflict do nothing
      returning 1
    `;
    if (fresh.length === 0) return false;
    if (command.command === "opt-out") {
      await tx`
        insert into opt_outs (installation_id, login) values (${command.installationId}, ${login})
        on conflict do nothing
      `;
      await tx`delete from credits where installation_id = ${command.installationId} and lower(actor_login) = ${login}`;
    }
    if (command.command === "opt-in") {
      await tx`delete from opt_outs where installation_id = ${command.installationId} and login = ${login}`;
    }
    await reply(tx as unknown as Sql);
    return true;
  }) as Promise<boolean>;
