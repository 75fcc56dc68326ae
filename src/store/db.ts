import postgres from "postgres";

/** The postgres.js client every store module takes. */
export type Sql = postgres.Sql;

const INT8 = 20;

/**
 * How long opening a connection may take, in seconds. A webhook delivery must fail (5xx, so
 * it is redelivered) well before @octokit/webhooks answers 202 on its own after 9 seconds.
 */
export const CONNECT_TIMEOUT_S = 3;

/**
 * How long a command line process waits to connect: a person waits, nothing answers GitHub, and
 * a busy server's embedded store takes one connection at a time.
 */
export const CLI_CONNECT_TIMEOUT_S = 30;

/**
 * Queries one connection may have in flight before postgres.js waits for answers. Its default,
 * 100, meets a bug of postgres.js 3.4 (porsager/postgres#1189): a transaction whose BEGIN is the
 * query that fills the pipeline does not keep its connection, so unrelated queries run inside it
 * and the client can wedge. On the embedded store's single connection a busy moment reaches 100;
 * it never reaches this.
 */
export const MAX_PIPELINE = 1_000_000;

/**
 * Opens a postgres.js pool (over the Unix socket `path` when given: the embedded store). `bigint` columns (installation and GitHub ids) come back as
 * numbers: every GitHub id fits in 2^53.
 */
export const connect = (
  url: string,
  options: { max?: number; schema?: string; path?: string; connectTimeoutS?: number } = {},
): Sql =>
  postgres(url, {
    ...(options.path ? { path: options.path } : {}),
    max: options.max ?? 10,
    onnotice: () => {},
    idle_timeout: 30,
    connect_timeout: options.connectTimeoutS ?? CONNECT_TIMEOUT_S,
    // Read by postgres.js 3.4 (its types do not list it).
    ...({ max_pipeline: MAX_PIPELINE } as object),
    types: {
      bigint: {
        to: INT8,
        from: [INT8],
        serialize: (value: number | bigint) => value.toString(),
        parse: (value: string) => Number(value),
      },
    },
    ...(options.schema ? { connection: { search_path: options.schema } } : {}),
  });

/** The client inside `sql.begin`. */
export type Tx = postgres.TransactionSql;
