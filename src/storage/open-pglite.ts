import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Logger } from '../monitoring/logger.js';
import { createPool } from './create-pool.js';
import type { Database } from './types.js';

/** `dataDir` value that keeps the embedded database in memory (tests). */
export const MEMORY_DATA_DIR = 'memory://';

/**
 * Starts PGlite (data in `<dataDir>/pgdata`) behind a PostgreSQL socket on 127.0.0.1 and a free port,
 * and connects a pg pool of exactly one client: PGlite serves one connection at a time.
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
  const pglite = await PGlite.create(location);
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 1 });
  try {
    await server.start();
  } catch (err) {
    await pglite.close();
    throw err;
  }
  const connectionString = `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`;
  const pool = createPool({ connectionString, max: 1, logger });
  logger.info({ dataDir: location }, 'embedded PGlite database started');
  let closing: Promise<void> | undefined;
  return {
    pool,
    kind: 'pglite',
    connectionString,
    close() {
      closing ??= (async () => {
        await pool.end();
        await server.stop();
        await pglite.close();
      })();
      return closing;
    },
  };
}
