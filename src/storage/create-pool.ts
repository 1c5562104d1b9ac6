import pg from 'pg';
import type { Logger } from '../monitoring/logger.js';

export interface CreatePoolOptions {
  connectionString: string;
  max: number;
  logger: Logger;
  /** Close idle clients after this long; 0 keeps them open (needed for the single PGlite connection). */
  idleTimeoutMillis?: number;
}

/** A pg pool whose background errors (a dropped idle client) are logged instead of crashing the process. */
export function createPool({ connectionString, max, logger, idleTimeoutMillis }: CreatePoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    idleTimeoutMillis: idleTimeoutMillis ?? 10_000,
    connectionTimeoutMillis: 10_000,
  });
  pool.on('error', (err) => {
    logger.error({ err }, 'database client error (the pool replaces the client)');
  });
  return pool;
}
