import { z } from "zod";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A CLI date: `YYYY-MM-DD` (a whole UTC day) or an ISO timestamp. */
export const dateArgument = (edge: "start" | "end") =>
  z
    .string()
    .refine((text) => !Number.isNaN(Date.parse(text)), "write a date as YYYY-MM-DD or an ISO timestamp")
    .transform((text) => {
      if (!DAY.test(text)) return new Date(text);
      return new Date(edge === "start" ? `${text}T00:00:00.000Z` : `${text}T23:59:59.999Z`);
    });

export const DAY_MS = 86_400_000;
