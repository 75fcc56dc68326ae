import type { Sql } from "./db.js";

/** A pull request whose credits changed, so its check run and credit comment must be redone. */
export type ChangedPullRequest = { repoId: number; repo: string; number: number };

/** How long the per-person count of commands looks back. */
export const COMMAND_WINDOW_MS = 3_600_000;

/** A `/gluework` command and who sent it: a person is their user id, the login is how they are named now. */
export type Command = {
  installationId: number;
  commentId: number;
  login: string;
  actorId: number;
  command: string;
  /** The account the app is installed on: an opt-out is kept by it (user id only) past an uninstall. */
  accountId: number;
};

/**
 * `/gluework opt-out` and `opt-in`, recorded once per command comment (a redelivery returns
 * false and changes nothing). Opting out deletes the person's stored credits in the installation,
 * found by their user id (whoever had their login before them keeps theirs); `reply` runs in the
 * same transaction with the pull requests that lost credits and how many commands the person
 * sent in the installation within COMMAND_WINDOW_MS, this one included.
 */
export const recordCommand = async (
  sql: Sql,
  command: Command,
  reply: (tx: Sql, changed: ChangedPullRequest[], recent: number) => Promise<void>,
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
      await tx`
        insert into account_opt_outs (account_id, user_id) values (${command.accountId}, ${actorId})
        on conflict do nothing
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
      await tx`
        delete from account_opt_outs where account_id = ${command.accountId} and user_id = ${actorId}
      `;
      // The account's own opt-out, and one kept by login from before ids were recorded.
      await tx`
        delete from opt_outs
        where installation_id = ${installationId}
          and (actor_id = ${actorId} or (actor_id is null and login = ${login}))
      `;
    }
    const [count]: [{ n: number }?] = await tx`
      select count(*)::int as n from commands
      where installation_id = ${command.installationId} and login = ${login}
        and received_at > now() - make_interval(secs => ${COMMAND_WINDOW_MS / 1000})
    `;
    await reply(tx as unknown as Sql, changed, count?.n ?? 1);
    return true;
  }) as Promise<boolean>;

/**
 * Notes that the reply to a command comment is about to be posted. Returns null for the first
 * attempt; else when an earlier attempt was noted (its answer may have been lost), or the epoch
 * when the command is not on record (then nothing is known, and the whole thread must be read).
 */
export const noteReplyAttempt = async (
  sql: Sql,
  installationId: number,
  commentId: number,
): Promise<Date | null> => {
  const [row]: [{ before: Date | null }?] = await sql`
    update commands c set reply_attempted_at = now()
    from (
      select installation_id, comment_id, reply_attempted_at as before from commands
      where installation_id = ${installationId} and comment_id = ${commentId}
      for update
    ) old
    where c.installation_id = old.installation_id and c.comment_id = old.comment_id
    returning old.before
  `;
  if (!row) return new Date(0);
  return row.before;
};
