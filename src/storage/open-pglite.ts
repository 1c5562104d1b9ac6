import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../monitoring/logger.js';
import { createPool } from './create-pool.js';
import type { Database } from './types.js';

/** `dataDir` value that keeps the embedded database in memory (tests). */
export const MEMORY_DATA_DIR = 'memory://';

const THREAD = new URL('./pglite-thread.mjs', import.meta.url);
/** How long closing waits for PGlite to write its data before the thread is stopped regardless. */
const CLOSE_TIMEOUT_MS = 10_000;

type ThreadMessage = { type: 'ready'; address: string } | { type: 'failed'; message: string };

/**
 * Starts PGlite (data in `<dataDir>/pgdata`) in a thread of its own (`pglite-thread.mjs`), behind a
 * PostgreSQL socket on 127.0.0.1 and a free port, and connects a pg pool of exactly one client: PGlite
 * serves one connection at a time. The thread keeps the database's work off the event loop that answers
 * webhooks; the web process talks to it as it would to PostgreSQL.
 */
export async function openPglite({
  dataDir,
  logger,
}: {
  dataDir: string;
  logger: Logger;
}): Promise<Database> {
  const location = dataDir === MEMORY_DATA_DIR ? MEMORY_DATA_DIR : join(dataDir, 'pgdata');
  if (location !== MEMORY_DATA_DIR) await mkdir(location, { recursive: true });
  const thread = new Worker(THREAD, { workerData: { location } });
  const address = await started(thread);
  thread.on('error', (err) => logger.error({ err }, 'the embedded database thread failed'));
  const connectionString = `postgresql://postgres@${address}/postgres?sslmode=disable`;
  const pool = createPool({ connectionString, max: 1, logger });
  logger.info({ dataDir: location }, 'embedded PGlite database started');
  let closing: Promise<void> | undefined;
  return {
    pool,
    kind: 'pglite',
    connectionString,
    close() {
      closing ??= pool.end().finally(() => stop(thread, logger));
      return closing;
    },
  };
}

function started(thread: Worker): Promise<string> {
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      thread.off('message', onMessage);
      void thread.terminate();
      reject(new Error(`the embedded database did not start: ${reason}`));
    };
    const onMessage = (message: ThreadMessage) => {
      if (message.type === 'ready') {
        thread.off('error', onError).off('exit', onExit).off('message', onMessage);
        resolve(message.address);
      } else if (message.type === 'failed') fail(message.message);
    };
    const onError = (err: Error) => fail(err.message);
    const onExit = (code: number) => fail(`its thread exited with code ${code}`);
    thread.on('message', onMessage).once('error', onError).once('exit', onExit);
  });
}

/** Asks the thread to close the database (so its files are consistent), and stops it if it does not. */
async function stop(thread: Worker, logger: Logger): Promise<void> {
  const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
  thread.postMessage({ type: 'close' });
  const timer = setTimeout(() => {
    logger.warn({ timeoutMs: CLOSE_TIMEOUT_MS }, 'the embedded database did not close in time; stopping it');
    void thread.terminate();
  }, CLOSE_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
