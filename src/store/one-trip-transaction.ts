import { isConnectionLost } from "./connection-lost.js";
import type { Sql } from "./db.js";

/** SQLSTATE of a statement sent after an earlier one of its transaction failed. */
const IN_FAILED_TRANSACTION = "25P02";

const codeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

/** A postgres.js query not yet sent (its answer is read from it once the transaction is over). */
type Statement = PromiseLike<unknown> & { execute(): unknown };

/**
 * Whether postgres.js has built a statement whole and handed it to the socket, parameters and
 * all. Read from its query's fields (postgres.js 3.4): `statement` is set once the text and
 * parameters are built; `describeFirst` means the parameters are sent only after the server has
 * described a statement new to the connection (and later statements wait in line). When the
 * fields are not there, the answer is no, and the transaction takes the careful way.
 */
const sentWhole = (statement: Statement): boolean => {
  const query = statement as { statement?: unknown; describeFirst?: unknown };
  return query.statement !== null && query.statement !== undefined && !query.describeFirst;
};

/**
 * Waits until every statement has settled, or until one fails because the connection was lost:
 * then the others were failed too, or (waiting in postgres.js's line for a connection it no
 * longer has) never will be.
 */
const settled = (statements: readonly Statement[]): Promise<unknown> =>
  new Promise((resolve) => {
    for (const statement of statements) {
      statement.then(undefined, (error: unknown) => {
        if (isConnectionLost(error)) resolve(undefined);
      });
    }
    void Promise.allSettled(statements).then(resolve);
  });

/**
 * Runs statements as one transaction in one round trip: BEGIN, the statements in order and
 * COMMIT go to the server together on a connection held for them, and the answers come back
 * together. `sql.begin` waits for BEGIN before the statements and for them before COMMIT: three
 * round trips, each also waiting its turn on a busy event loop, which under a burst of webhooks
 * took longer than the work itself.
 *
 * All or nothing, as `sql.begin` is. Once a statement fails in the server, PostgreSQL refuses
 * the rest and turns COMMIT into a rollback. A statement postgres.js could not build (an
 * undefined value) never reaches the server, so COMMIT is sent at once only when every statement
 * has been sent whole; otherwise (such a statement, or the first time a statement's text is seen
 * on a connection, when postgres.js sends its parameters only after the server has described it)
 * it waits for every answer, and sends ROLLBACK if one failed. The statements are built before
 * anything is sent, so none may depend on an answer of another. Rejects with the failure that
 * caused the others; once it resolves, each statement's own promise holds its rows.
 */
export const oneTripTransaction = async (
  sql: Sql,
  statementsOf: (tx: Sql) => readonly Statement[],
): Promise<void> => {
  const tx = await sql.reserve();
  let reusable = true;
  try {
    const statements = statementsOf(tx);
    // Failures as they come, in the order postgres.js reports them.
    const failures: unknown[] = [];
    const watch = (statement: Statement) => {
      statement.execute();
      statement.then(undefined, (error: unknown) => {
        failures.push(error);
      });
    };
    const lost = () => failures.some(isConnectionLost);
    const sent = [tx`begin`, ...statements];
    for (const statement of sent) watch(statement);
    // postgres.js builds and sends each statement a microtask after `execute`: once those have
    // run, every statement is sent whole, or the careful way is taken. No event-loop turn: COMMIT
    // goes out before any other request's work can delay it.
    await Promise.resolve();
    if (!statements.every(sentWhole)) await settled(sent);
    // Nothing more is sent on a connection that is gone: postgres.js would write to no socket.
    if (!lost()) {
      const end = failures.length > 0 ? tx`rollback` : tx`commit`;
      watch(end);
      sent.push(end);
      await settled(sent);
    }
    if (failures.length > 0) {
      // A connection lost under the transaction is closed by postgres.js; handing it back to the
      // pool as idle would give the next query a dead socket.
      reusable = !lost();
      throw failures.find((error) => codeOf(error) !== IN_FAILED_TRANSACTION) ?? failures[0];
    }
  } finally {
    if (reusable) tx.release();
  }
};
