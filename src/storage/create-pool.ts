import pg from 'pg';
import type { Logger } from '../monitoring/logger.js';

export interface CreatePoolOptions {
  connectionString: string;
  max: number;
  logger: Logger;
}

/**
 * A pg pool that keeps every connection it opens, and logs its background errors (a dropped idle client)
 * instead of crashing the process. Connections are not closed when idle: opening one costs a PostgreSQL
 * backend start, and with an idle timeout every reopening under steady load landed on some webhook's answer
 * (figures: bench/README.md).
 */
export function createPool({ connectionString, max, logger }: CreatePoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    min: max,
    connectionTimeoutMillis: 10_000,
  });
  pool.on('error', (err) => {
    logger.error({ err }, 'database client error (the pool replaces the client)');
  });
  return pool;
}
