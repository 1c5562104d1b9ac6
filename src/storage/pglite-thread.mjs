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

const port = parentPort;
if (!port) throw new Error('pglite-thread.mjs runs as a worker thread');
/** @type {{ location: string }} */
const { location } = workerData;

try {
  const db = await PGlite.create(location);
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
