import { createRequire } from "node:module";
import { join } from "node:path";
import { Command, CommanderError, Option } from "commander";
import { ZodError } from "zod";
import { DEMO_INSTALLATION_ID } from "../demo/dataset.js";
import { withDemoGitHub } from "../demo/run-demo.js";
import { parseEnv } from "../env.js";
import {
  installationClient,
  installationClientAndApp,
  MissingCredentialsError,
} from "../github/app-client.js";
import { createLogger } from "../logger.js";
import { openStore, type Store } from "../store/open-store.js";
import { backfillArgs, backfillCommand } from "./backfill-command.js";
import { demoCommand } from "./demo-command.js";
import { describeFailure, UsageError } from "./errors.js";
import { publishArgs, publishCommand } from "./publish-command.js";
import { reclassifyArgs, reclassifyCommand } from "./reclassify-command.js";
import { reportArgs, reportWithNote } from "./report-command.js";

type Io = { out: (text: string) => void; err: (text: string) => void };

const defaultIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * Runs `work` on the store. Commands that only read the ledger (`create: false`) never create an
 * embedded store: run from the wrong folder they say so instead of reporting an empty one.
 */
const withStore = async <T>(create: boolean, work: (store: Store) => Promise<T>): Promise<T> => {
  const env = parseEnv(process.env);
  const store = await openStore({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.GLUEWORK_DATA_DIR,
    role: "cli",
    create,
  });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
};

/** The package's version, read from package.json next to `src/` and `dist/` alike. */
const version = (): string =>
  (createRequire(import.meta.url)("../../package.json") as { version: string }).version;

const program = (io: Io): Command => {
  const cli = new Command("gluework")
    .description("Glue work ledger: reports from the store the Gluework server fills.")
    .version(version(), "-V, --version", "print the version of gluework")
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError("(run `gluework --help` for usage)");

  cli
    .command("report")
    .description("print the credits of a window per contributor")
    .requiredOption("--installation <id>", "installation id")
    .option("--repo <owner/name>", "only this repository")
    .option("--team <slug>", "only credits earned while in this team (nested teams included)")
    .option("--since <date>", "start (YYYY-MM-DD or ISO time; default: all history)")
    .option("--until <date>", "end, inclusive (YYYY-MM-DD or ISO time; default now)")
    .addOption(
      new Option("--format <format>", "output format")
        .choices(["json", "markdown", "csv"])
        .default("markdown"),
    )
    .action(async (options: Record<string, string>) => {
      const args = reportArgs.parse(options);
      const { output, note } = await withStore(false, (store) => reportWithNote(store.sql, args));
      io.out(output);
      if (note) io.err(`${note}\n`);
    });

  cli
    .command("publish")
    .description("publish (or update) an installation's monthly report issue on GitHub")
    .requiredOption("--installation <id>", "installation id")
    .requiredOption("--month <YYYY-MM>", "the month to report")
    .option("--dry-run", "print the issue it would write, and write nothing", false)
    .action(async (options: { installation: string; month: string; dryRun: boolean }) => {
      const args = publishArgs.parse(options);
      const log = createLogger(process.env.LOG_LEVEL ?? "warn");
      // The demo installation's "GitHub" is the demo's local double: a dry run works offline.
      if (args.installation === DEMO_INSTALLATION_ID && args.dryRun) {
        await withStore(false, (store) =>
          withDemoGitHub(async (github) => io.out(await publishCommand(store.sql, github, args, log))),
        );
        return;
      }
      const { octokit, app } = await installationClientAndApp(process.env, args.installation, log);
      await withStore(false, async (store) => {
        io.out(await publishCommand(store.sql, { octokit, app }, args, log));
      });
    });

  cli
    .command("backfill")
    .description("import an installation's GitHub history into the ledger (with progress)")
    .requiredOption("--installation <id>", "installation id")
    .option("--repo <owner/name>", "only this repository (default: every repository of the installation)")
    .option("--days <n>", "the last N days (default: each repository's backfill.days, 90)")
    .option("--since <date>", "from this date (YYYY-MM-DD or ISO time) instead of --days")
    .action(async (options: Record<string, string>) => {
      const args = backfillArgs.parse(options);
      const log = createLogger(process.env.LOG_LEVEL ?? "warn");
      await withStore(true, async (store) => {
        const octokit = await installationClient(process.env, args.installation, log);
        const tty = process.stdout.isTTY ? process.stdout : null;
        io.out(await backfillCommand({ sql: store.sql, octokit, args, log, tty, write: io.out }));
      });
    });

  cli
    .command("reclassify")
    .description("recompute credits from the stored activities with today's rules and config")
    .requiredOption("--installation <id>", "installation id")
    .option("--repo <owner/name>", "only this repository")
    .option("--since <date>", "only activities from this date (YYYY-MM-DD or ISO time)")
    .action(async (options: Record<string, string>) => {
      const args = reclassifyArgs.parse(options);
      const log = createLogger(process.env.LOG_LEVEL ?? "warn");
      await withStore(false, async (store) => {
        const octokit = await installationClient(process.env, args.installation, log);
        const tty = process.stderr.isTTY ? process.stderr : null;
        io.out(await reclassifyCommand({ sql: store.sql, octokit, args, log, tty }));
      });
    });

  cli
    .command("demo")
    .description("replay a bundled month of activity for a small org offline, then print its report")
    .addOption(
      new Option("--format <format>", "output format")
        .choices(["json", "markdown", "csv"])
        .default("markdown"),
    )
    .action(async (options: { format: "json" | "markdown" | "csv" }) => {
      await withStore(true, async (store) => {
        const previewDir = join(parseEnv(process.env).GLUEWORK_DATA_DIR, "preview");
        const { output, hint } = await demoCommand(store, options.format, previewDir);
        io.out(output);
        io.err(hint);
      });
    });

  return cli;
};

/** Runs the CLI; returns the exit code (0 done, 1 failed, 2 called wrongly). */
export const main = async (argv: string[], io: Io = defaultIo): Promise<number> => {
  try {
    await program(io).parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const usage =
      error instanceof UsageError || error instanceof ZodError || error instanceof MissingCredentialsError;
    io.err(`gluework: ${describeFailure(error)}\n`);
    return usage ? 2 : 1;
  }
};
