import { z } from "zod";

/**
 * The environment Gluework reads itself. Probot reads its own variables (APP_ID, PRIVATE_KEY,
 * PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT, LOG_LEVEL, GHE_HOST, GHE_PROTOCOL) and reports them.
 */
export const envSchema = z.object({
  /** A PostgreSQL URL; unset means the embedded store in GLUEWORK_DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Where the embedded store keeps its files. */
  GLUEWORK_DATA_DIR: z.string().min(1).default(".gluework"),
  /** `1`/`true`: every GitHub write is planned and logged, never performed. */
  GLUEWORK_DRY_RUN: z
    .enum(["", "0", "1", "false", "true"], { message: "GLUEWORK_DRY_RUN must be 1 or 0" })
    .default("")
    .transform((value) => value === "1" || value === "true"),
});

export type Env = z.output<typeof envSchema>;

export class EnvError extends Error {}

export const parseEnv = (env: NodeJS.ProcessEnv): Env => {
  const result = envSchema.safeParse(env);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "),
  );
};
