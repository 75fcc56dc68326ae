import type { PGlite } from "@electric-sql/pglite";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** Frontend messages of the extended query protocol that leave a batch open until its Sync. */
const IN_BATCH = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]); // Parse Bind Describe Execute Close Flush

type Queued = {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
};

/** The internals of pglite-socket 0.2's query queue that this module replaces. */
type QueryQueue = {
  queue: Queued[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue: () => Promise<void>;
  clearTransactionIfNeeded: (handlerId: number) => Promise<void>;
};

/**
 * PGlite has one session, and pglite-socket 0.2 shares it among its clients message by message,
 * keeping one client in charge only while a transaction is open. Another client's message in the
 * middle of an extended-protocol batch (Parse … Sync) replaces the unnamed statement or portal,
 * so a CLI run beside the server fails with `portal "" does not exist` or, worse, disturbs the
 * server's own queries (electric-sql/pglite#1046); and one thrown message stalls the queue for
 * good. Here a client keeps the session from its first batch message to its Sync, and for the
 * length of its transaction; a failed message is rejected and the queue goes on.
 */
export const serialiseClients = (server: PGLiteSocketServer): void => {
  const queue = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  let inBatch: number | null = null;

  queue.processQueue = async () => {
    if (queue.processing) return;
    queue.processing = true;
    try {
      while (queue.queue.length > 0) {
        const owner = inBatch ?? (queue.db.isInTransaction() ? queue.lastHandlerId : null);
        const index = owner === null ? 0 : queue.queue.findIndex((item) => item.handlerId === owner);
        const [next] = index === -1 ? [] : queue.queue.splice(index, 1);
        if (!next) break;
        let bytes = 0;
        try {
          await queue.db.runExclusive(() =>
            queue.db.execProtocolRawStream(next.message, {
              onRawData: (data) => {
                bytes += data.length;
                next.onData(data);
              },
            }),
          );
        } catch (error) {
          inBatch = null;
          next.reject(error);
          continue;
        }
        queue.lastHandlerId = next.handlerId;
        inBatch = IN_BATCH.has(next.message[0] ?? 0) ? next.handlerId : null;
        next.resolve(bytes);
      }
    } finally {
      queue.processing = false;
    }
  };

  const clearTransaction = queue.clearTransactionIfNeeded.bind(queue);
  queue.clearTransactionIfNeeded = async (handlerId) => {
    if (inBatch === handlerId) inBatch = null;
    await clearTransaction(handlerId);
    await queue.processQueue();
  };
};
