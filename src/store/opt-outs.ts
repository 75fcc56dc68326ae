import type { Sql } from "./db.js";

/** A pull request whose credits changed, so its check run and credit comment must be redone. */
export type ChangedPullRequest = { repoId: number; repo: string; number: number };

/** A `/gluework` command and who sent it: a person is their user id, the login is how they are named now. */
export type Command = {
  installationId: number;
  commentId: number;
  login: string;
  actorId: number;
  command: string;
};

/**
 * `/gluework opt-out` and `opt-in`, recorded once per command comment (a redelivery returns
 * false and changes nothing). Opting out deletes the person's stored credits in the installation,
 * found by their user id (whoever had their login before them keeps theirs); `reply` runs in the
 * same transaction with the pull requests that lost credits.
 */
export const recordCommand = async (
  sql: Sql,
  command: Command,
  reply: (tx: Sql, changed: ChangedPullRequest[]) => Promise<void>,
): Promise<boolean> =>
  sql.begin(async (tx) => {
    const { installationId, actorId } = command;
    const login = command.login.toLowerCase();
    const fresh = await tx`
      insert into commands (installation_id, comment_id, login, actor_id, command)
      values (${installationId}, ${command.commentId}, ${login}, ${actorId}, ${command.command})
      on conflict do nothing
      returning 1
    `;
    if (fresh.length === 0) return false;
    let changed: ChangedPullRequest[] = [];
    if (command.command === "opt-out") {
      await tx`
        insert into opt_outs (installation_id, actor_id, login) values (${installationId}, ${actorId}, ${login})
        on conflict (installation_id, actor_id) where actor_id is not null do update set login = excluded.login
      `;
      const removed = await tx<
        { repo_id: number; repo: string; subject_key: string; subject_type: string }[]
      >`
        delete from credits where installation_id = ${installationId} and actor_id = ${actorId}
        returning repo_id, repo, subject_key, subject_type
      `;
      const pulls = removed.filter((row) => row.subject_type === "pull_request");
      changed = [...new Map(pulls.map((row) => [`${row.repo_id}:${row.subject_key}`, row])).values()].map(
        (row) => ({
          repoId: row.repo_id,
          repo: row.repo,
          number: Number(row.subject_key.split("#").at(-1)),
        }),
      );
    }
    if (command.command === "opt-in") {
      // The account's own opt-out, and one kept by login from before ids were recorded.
      await tx`
        delete from opt_outs
        where installation_id = ${installationId}
          and (actor_id = ${actorId} or (actor_id is null and login = ${login}))
      `;
    }
    await reply(tx as unknown as Sql, changed);
    return true;
  }) as Promise<boolean>;
