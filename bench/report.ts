/**
 * `npm run bench:report`: the org-wide monthly report over 10k, 100k and 1M stored credits,
 * through the code the publisher runs (`buildReportInput`: the month's counts and the evidence the
 * issue can show; then `renderMonthlyReport`), and the CLI report (`queryCredits` + `summarize`,
 * every credit listed), against the bare SQL aggregate (count by login and category for the month) on the same data.
 * Targets at 1M: the monthly report under 500 ms and at most 3× the bare aggregate.
 */
import { reportCommand } from "../src/cli/report-command.js";
import { buildReportInput } from "../src/publish/publish-monthly-report.js";
import { renderMonthlyReport } from "../src/report/monthly-report.js";
import { monthWindow } from "../src/report/periods.js";
import { connect, type Sql } from "../src/store/db.js";
import { startEmbeddedPostgres } from "../src/store/embedded.js";
import { migrate } from "../src/store/migrate.js";
import { createStore } from "../test/e2e/helpers/store.js";
import { LEDGER_INSTALLATION, LEDGER_ORG, loadCredits, MONTHS, REPORT_MONTH } from "./lib/ledger.js";
import { adminUrl, fixed, mark, postgresVersion, saveSection, table } from "./lib/results.js";

const sizes = (value: string) => value.split(",").filter(Boolean).map(Number);
const SIZES = sizes(process.env.BENCH_REPORT_SIZES ?? "10000,100000,1000000");
const EMBEDDED_SIZES = sizes(process.env.BENCH_REPORT_EMBEDDED_SIZES ?? "10000,100000");
const REPEAT = Number(process.env.BENCH_REPORT_REPEAT ?? 5);

type Timing = { median: number; min: number };

/** Median and best of `REPEAT` runs after one warm-up, in ms. */
const time = async (work: () => Promise<unknown>): Promise<Timing> => {
  await work();
  const runs: number[] = [];
  for (let i = 0; i < REPEAT; i += 1) {
    const start = performance.now();
    await work();
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  return { median: runs[Math.floor(runs.length / 2)] as number, min: runs[0] as number };
};

const window = monthWindow(REPORT_MONTH);

/** The baseline: what any report must at least compute, as one SQL aggregate. */
const bareAggregate = (sql: Sql) => sql`
  select actor_login, category, count(*)::int as n
  from credits
  where installation_id = ${LEDGER_INSTALLATION} and occurred_at >= ${window.since} and occurred_at <= ${window.until}
  group by actor_login, category
`;

/** The org-wide report issue, as the publisher builds it (the org's private `.github` repository). */
const monthlyIssue = async (sql: Sql) => {
  const input = await buildReportInput(
    sql,
    LEDGER_INSTALLATION,
    REPORT_MONTH,
    { repo: `${LEDGER_ORG}/.github`, private: true, scope: LEDGER_ORG },
    [],
  );
  return renderMonthlyReport(input);
};

const cli = (sql: Sql, format: "markdown" | "json") =>
  reportCommand(sql, { installation: LEDGER_INSTALLATION, ...window, format });

type Measurement = {
  store: "postgres" | "embedded";
  credits: number;
  monthCredits: number;
  loadSeconds: number;
  aggregate: Timing;
  monthlyIssue: Timing;
  cliMarkdown: Timing;
  cliJson: Timing;
};

/** Measures one ledger size in a store of its own, made by `open` and closed after. */
const measureSize = async (
  store: Measurement["store"],
  size: number,
  open: () => Promise<{ sql: Sql; close: () => Promise<void> }>,
): Promise<Measurement> => {
  const { sql, close } = await open();
  try {
    await migrate(sql);
    const started = performance.now();
    await loadCredits(sql, size, store === "postgres" ? "copy" : "insert");
    await sql`analyze credits`;
    await sql`analyze pull_requests`;
    const loadSeconds = (performance.now() - started) / 1000;
    const [month] = await sql<{ n: number }[]>`
      select count(*)::int as n from credits
      where installation_id = ${LEDGER_INSTALLATION} and occurred_at between ${window.since} and ${window.until}
    `;
    const measurement: Measurement = {
      store,
      credits: size,
      monthCredits: month?.n ?? 0,
      loadSeconds,
      aggregate: await time(() => bareAggregate(sql)),
      monthlyIssue: await time(() => monthlyIssue(sql)),
      cliMarkdown: await time(() => cli(sql, "markdown")),
      cliJson: await time(() => cli(sql, "json")),
    };
    process.stderr.write(
      `${store} ${size}: aggregate ${fixed(measurement.aggregate.median)} ms, monthly issue ${fixed(measurement.monthlyIssue.median)} ms (loaded in ${fixed(loadSeconds)} s)\n`,
    );
    return measurement;
  } finally {
    await close();
  }
};

/** A fresh database on the local PostgreSQL, dropped after. */
const postgresStore = async () => {
  const store = await createStore({ databaseUrl: adminUrl(), prefix: "gluework_bench_report" });
  const sql = await store.connect();
  return {
    sql,
    close: async () => {
      await sql.end({ timeout: 1 });
      await store.drop();
    },
  };
};

/** A fresh embedded store in memory, reached over loopback as the server reaches it. */
const embeddedStore = async () => {
  const embedded = await startEmbeddedPostgres(null);
  const sql = connect(embedded.url, { max: 1, path: embedded.socket });
  return {
    sql,
    close: async () => {
      await sql.end({ timeout: 1 });
      await embedded.stop();
    },
  };
};

const main = async () => {
  const started = Date.now();
  const measurements: Measurement[] = [];
  if ((await postgresVersion()) !== null) {
    for (const size of SIZES) measurements.push(await measureSize("postgres", size, postgresStore));
  }
  for (const size of EMBEDDED_SIZES) {
    measurements.push(await measureSize("embedded", size, embeddedStore));
  }
  const ms = (timing: Timing) => fixed(timing.median, 0);
  const ratio = (timing: Timing, base: Timing) => `${fixed(timing.median / base.median, 1)}×`;
  const rows = [
    [
      "store",
      "credits",
      "in month",
      "bare aggregate ms",
      "monthly issue ms",
      "×",
      "CLI markdown ms",
      "×",
      "CLI json ms",
      "×",
    ],
    ...measurements.map((m) => [
      m.store,
      m.credits.toLocaleString("en"),
      m.monthCredits.toLocaleString("en"),
      ms(m.aggregate),
      ms(m.monthlyIssue),
      ratio(m.monthlyIssue, m.aggregate),
      ms(m.cliMarkdown),
      ratio(m.cliMarkdown, m.aggregate),
      ms(m.cliJson),
      ratio(m.cliJson, m.aggregate),
    ]),
  ];
  const growth = (store: Measurement["store"]) => {
    const of = measurements.filter((m) => m.store === store);
    const first = of[0];
    return of
      .slice(1)
      .map(
        (m) =>
          `${store} ${first?.credits.toLocaleString("en")} → ${m.credits.toLocaleString("en")} credits (×${fixed(m.credits / (first?.credits ?? 1), 0)}): ` +
          `monthly issue ×${fixed(m.monthlyIssue.median / (first?.monthlyIssue.median ?? 1), 1)}, bare aggregate ×${fixed(m.aggregate.median / (first?.aggregate.median ?? 1), 1)}`,
      );
  };
  const largest = measurements.filter((m) => m.store === "postgres").at(-1);
  const targets = largest
    ? {
        credits: largest.credits,
        monthlyIssueMs: {
          value: largest.monthlyIssue.median,
          target: 500,
          met: largest.monthlyIssue.median < 500,
        },
        ratio: {
          value: largest.monthlyIssue.median / largest.aggregate.median,
          target: 3,
          met: largest.monthlyIssue.median / largest.aggregate.median <= 3,
        },
      }
    : null;
  const out = [
    `Report: org-wide monthly report of ${REPORT_MONTH} over a ledger of ${MONTHS} months (200 repositories, 2,000 people, Zipf-skewed), median of ${REPEAT} runs`,
    "",
    table(rows),
    "",
    ...growth("postgres"),
    ...growth("embedded"),
    ...(targets
      ? [
          `targets (PostgreSQL, ${targets.credits.toLocaleString("en")} credits): monthly issue < 500 ms: ${fixed(targets.monthlyIssueMs.value, 0)} ms ${mark(targets.monthlyIssueMs.met)}; ` +
            `≤ 3× bare aggregate: ${fixed(targets.ratio.value, 1)}× ${mark(targets.ratio.met)}`,
        ]
      : ["targets: PostgreSQL not reachable, not measured"]),
    `(${fixed((Date.now() - started) / 1000, 0)} s)`,
  ];
  process.stdout.write(`${out.join("\n")}\n`);
  await saveSection("report", { month: REPORT_MONTH, months: MONTHS, repeat: REPEAT, measurements, targets });
};

await main();
