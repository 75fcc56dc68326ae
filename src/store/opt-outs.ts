import type { Sql } from "./db.js";

/** A pull request whose credits changed, so its check run and credit comment must be redone. */
export type ChangedPullRequest = { repoId: number; repo: string; number: number };

/**
 * `/gluework opt-out` and `opt-in`, recorded once per command comment (a redelivery returns
 * false and changes nothing). Opting out deletes the person's stored credits in the installation;
 * `reply` runs in the same transaction with the pull requests that lost credits.
 */
export const recordCommand = async (
  sql: Sql,
  command: { installationId: number; commentId: number; login: string; command: string },
  reply: (tx: Sql, changed: ChangedPullRequest[]) => Promise<void>,
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
    let changed: ChangedPullRequest[] = [];
    if (command.command === "opt-out") {
      await tx`
        insert into opt_outs (installation_id, login) values (${command.installationId}, ${login})
        on conflict do nothing
      `;
      const removed = await tx<
        { repo_id: number; repo: string; subject_key: string; subject_type: string }[]
      >`
        delete from credits where installation_id = ${command.installationId} and lower(actor_login) = ${login}
        returning repo_id, repo, subject_key, subject_type
      `;
      const pulls = removed.filter((row) => row.subject_type === "pull_request");
      changed = [...new Map(pulls.map((row) => [row.subject_key, row])).values()].map((row) => ({
        repoId: row.repo_id,
        repo: row.repo,
        number: Number(row.subject_key.split("#").at(-1)),
      }));
    }
    if (command.command === "opt-in") {
      await tx`delete from opt_outs where installation_id = ${command.installationId} and login = ${login}`;
    }
    await reply(tx as unknown as Sql, changed);
    return true;
  }) as Promise<boolean>;
