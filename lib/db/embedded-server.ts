import { createServer, type Server, type Socket } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { PGLiteSocketHandler } from "@electric-sql/pglite-socket";

// PGlite is one PostgreSQL backend. pglite-socket's own multiplexer only keeps a connection's turn
// inside an explicit BEGIN block, so two clients' extended-protocol messages (Parse/Bind/Execute
// before Sync) can interleave and execute each other's statements. This queue gives one connection
// the backend from its first message until the backend is idle again (after Query or Sync, outside
// a transaction block): the same isolation a real server's separate backends give.

type Pending = {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
};

const SIMPLE_QUERY = 0x51; // 'Q'
const SYNC = 0x53; // 'S'

function endsTurn(message: Uint8Array): boolean {
  const type = message[0];
  // The startup packet has no type byte (it begins with its length, whose first byte is 0).
  return type === SIMPLE_QUERY || type === SYNC || type === 0;
}

class ConnectionTurns {
  private queue: Pending[] = [];
  private owner: number | null = null;
  private running = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.drain();
    });
  }

  private async drain() {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index =
          this.owner === null ? (this.queue.length > 0 ? 0 : -1) : this.queue.findIndex((p) => p.handlerId === this.owner);
        if (index === -1) return;
        const [next] = this.queue.splice(index, 1);
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(next.message, {
              onRawData: (data) => {
                bytes += data.length;
                next.onData(data);
              },
            }),
          );
          this.owner = endsTurn(next.message) && !this.db.isInTransaction() ? null : next.handlerId;
          next.resolve(bytes);
        } catch (error) {
          this.owner = this.db.isInTransaction() ? next.handlerId : null;
          next.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }

  getQueueLength() {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number) {
    this.queue = this.queue.filter((p) => {
      if (p.handlerId !== handlerId) return true;
      p.reject(new Error("connection closed"));
      return false;
    });
  }

  // A client that vanished mid-transaction must not leave the one backend stuck in its transaction.
  async clearTransactionIfNeeded(handlerId: number) {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
    this.owner = null;
    await this.drain();
  }
}

export type EmbeddedDatabase = {
  db: PGlite;
  url: string;
  port: number;
  close: () => Promise<void>;
};

export type EmbeddedDatabaseOptions = {
  /** A directory for a durable database, or "memory://" for a throwaway one. */
  dataDir: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Restore from a `dumpDataDir` snapshot (tests use this to skip migrations). */
  loadDataDir?: Blob;
};

export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const db = await PGlite.create(options.dataDir, {
    extensions: { btree_gist },
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const turns = new ConnectionTurns(db);
  const sockets = new Set<Socket>();
  const handlers = new Set<PGLiteSocketHandler>();

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    const handler = new PGLiteSocketHandler({
      // The handler only calls enqueue/clearQueueForHandler/clearTransactionIfNeeded on its queue.
      queryQueue: turns as unknown as ConstructorParameters<typeof PGLiteSocketHandler>[0]["queryQueue"],
      closeOnDetach: true,
    });
    handlers.add(handler);
    const forget = () => handlers.delete(handler);
    handler.addEventListener("close", forget);
    handler.addEventListener("error", forget);
    handler.attach(socket).catch(() => socket.destroy());
  });

  const host = options.host ?? "127.0.0.1";
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  const address = server.address();
  if (address === null || typeof address !== "object") throw new Error("embedded database did not bind a TCP port");

  return {
    db,
    port: address.port,
    url: `postgresql://postgres@${host}:${address.port}/postgres`,
    async close() {
      for (const handler of handlers) await handler.detach(true);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
