import { z } from "zod";
import { isBotLogin } from "./refs.js";

export const COMMANDS = ["portfolio", "opt-out", "opt-in"] as const;
export type Command = (typeof COMMANDS)[number];

/** A command line: at most three spaces before it (four, or a tab, make it a Markdown code block). */
const COMMAND_LINE = /^ {0,3}\/gluework\s+(portfolio|opt-out|opt-in)\b/i;
/** The opening (or closing) line of a fenced code block. */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * A `/gluework <command>` at the start of a comment's line. Anything after the command (such as
 * another person's name) is ignored: a command always acts for the commenter. Text that only
 * shows a command is not one: lines in fenced or indented code blocks and in quotes (`>`) are
 * skipped, as are commands in inline code or further along a line.
 */
export const parseCommand = (body: string): Command | null => {
  let fence: string | null = null;
  for (const line of body.split(/\r?\n/)) {
    const marker = FENCE.exec(line)?.[1];
    if (fence !== null) {
      const closes =
        marker !== undefined &&
        marker[0] === fence[0] &&
        marker.length >= fence.length &&
        line.trim() === marker;
      if (closes) fence = null;
      continue;
    }
    if (marker !== undefined) {
      fence = marker;
      continue;
    }
    const match = COMMAND_LINE.exec(line);
    if (match?.[1]) return match[1].toLowerCase() as Command;
  }
  return null;
};

const commentEvent = z.object({
  installation: z.object({ id: z.number() }),
  repository: z.object({ id: z.number(), full_name: z.string(), owner: z.object({ id: z.number() }) }),
  issue: z.object({ number: z.number() }),
  comment: z.object({
    id: z.number(),
    body: z.string().nullish(),
    user: z.object({ login: z.string(), id: z.number().int().positive(), type: z.string().optional() }),
  }),
});

/** A command comment: what was asked, by whom (their user id), where. */
export type CommandComment = {
  command: Command;
  installationId: number;
  repoId: number;
  /** `owner/name` */
  repo: string;
  /** The account the app is installed on: a repository's owner. */
  accountId: number;
  number: number;
  commentId: number;
  login: string;
  actorId: number;
};

/**
 * The `/gluework` command an `issue_comment` delivery carries, or null: none in its body, a bot's
 * comment, or a payload without the fields a command needs.
 */
export const parseCommandComment = (payload: unknown): CommandComment | null => {
  const event = commentEvent.safeParse(payload);
  if (!event.success) return null;
  const { installation, repository, issue, comment } = event.data;
  const command = parseCommand(comment.body ?? "");
  if (!command || comment.user.type === "Bot" || isBotLogin(comment.user.login)) return null;
  return {
    command,
    installationId: installation.id,
    repoId: repository.id,
    repo: repository.full_name,
    accountId: repository.owner.id,
    number: issue.number,
    commentId: comment.id,
    login: comment.user.login,
    actorId: comment.user.id,
  };
};
