// @ts-check
/**
 * The embedded database's own thread (started by `open-pglite.ts`): PGlite, PostgreSQL compiled to
 * WebAssembly, behind the socket server that lets `pg` talk to it. PGlite executes each statement
 * synchronously; on the web process's main thread every statement (and every allocation of the socket
 * layer) held up the webhooks waiting behind it. Plain JavaScript because Node starts a worker from a file,
 * and this one must run as-is from `src/` (tsx, vitest) and from `dist/`.
 *
 * Messages: the thread posts `{ type: 'ready', address }` or `{ type: 'failed', message }` once; it answers
 * `{ type: 'close' }` by stopping the server and closing the database, and then ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * PGlite as the socket server drives it. pglite-socket already runs one protocol message at a time for its
 * connections, and nothing else in this thread queries the database (its rollback of a dropped connection's
 * transaction still takes PGlite's own lock), yet it wraps every message in PGlite's
 * `runExclusive`, and PGlite follows each one with `syncToFs`, which takes a second mutex. Those two mutex
 * round trips per message kept each message's promises alive from one young-generation collection to the
 * next: about 8 KB per delivery reached the old generation, every scavenge copied about 2 MB and took 3-7 ms
 * with a webhook waiting on it, and the old generation filled towards a mark-compact every few seconds.
 * Without them nothing is promoted (measured with `--trace-gc`). The sync itself is a no-op here: PGlite's
 * Node file systems (a data directory, `memory://`) write through, and their `syncToFs` does nothing.
 */
class SocketServedPGlite extends PGlite {
  /**
   * @template T
   * @param {() => Promise<T>} fn
   * @returns {Promise<T>}
   */
  runExclusive(fn) {
    return fn();
  }

  /**
   * @param {Uint8Array} message
   * @param {import('@electric-sql/pglite').ExecProtocolOptionsStream} options
   */
  execProtocolRawStream(message, options) {
    return super.execProtocolRawStream(message, { ...options, syncToFs: false });
  }
}

const port = parentPort;
if (!port) throw new Error('pglite-thread.mjs runs as a worker thread');
/** @type {{ location: string }} */
const { location } = workerData;

try {
  const db = new SocketServedPGlite(location);
  await db.waitReady;
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  port.on('message', (/** @type {{ type?: string }} */ message) => {
    if (message?.type !== 'close') return;
    void (async () => {
      await server.stop();
      await db.close();
      port.close();
    })();
  });
  port.postMessage({ type: 'ready', address: server.getServerConn() });
} catch (error) {
  port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  port.close();
}
