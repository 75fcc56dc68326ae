export const COMMANDS = ["portfolio", "opt-out", "opt-in"] as const;
export type Command = (typeof COMMANDS)[number];

/**
 * A `/gluework <command>` at the start of a comment's line. Anything after the command (such as
 * another person's name) is ignored: a command always acts for the commenter.
 */
export const parseCommand = (body: string): Command | null => {
  for (const line of body.split(/\r?\n/)) {
    const match = /^\s*\/gluework\s+(portfolio|opt-out|opt-in)\b/i.exec(line);
    if (match?.[1]) return match[1].toLowerCase() as Command;
  }
  return null;
};
