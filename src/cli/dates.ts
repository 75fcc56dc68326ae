import { z } from "zod";

const day = z.iso.date();
const time = z.iso.datetime({ offset: true });

/**
 * A CLI date, strictly: `YYYY-MM-DD` (a whole UTC day) or a full ISO 8601 time with its offset
 * (`2026-10-01T09:30:00Z`). Anything else, an impossible day such as 2026-02-30 included, is
 * refused with a message that names the flag and what was given.
 */
export const dateArgument = (edge: "start" | "end", flag: string) =>
  z.string().transform((text, ctx) => {
    if (day.safeParse(text).success)
      return new Date(edge === "start" ? `${text}T00:00:00.000Z` : `${text}T23:59:59.999Z`);
    if (time.safeParse(text).success) return new Date(text);
    ctx.addIssue({
      code: "custom",
      message: `${flag} ${JSON.stringify(text)} is not a date: write YYYY-MM-DD (a whole UTC day) or a full ISO 8601 time such as 2026-10-01T09:30:00Z`,
    });
    return z.NEVER;
  });

export const DAY_MS = 86_400_000;
