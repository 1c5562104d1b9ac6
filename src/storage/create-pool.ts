import pg from 'pg';
import type { Logger } from '../monitoring/logger.js';

export interface CreatePoolOptions {
  connectionString: string;
  max: number;
  logger: Logger;
}

/**
 * A pg pool that keeps every connection it opens, and logs a connection's background errors instead of
 * crashing the process. Connections are not closed when idle: opening one costs a PostgreSQL backend start,
 * and with an idle timeout every reopening under steady load landed on some webhook's answer (figures:
 * bench/README.md).
 */
export function createPool({ connectionString, max, logger }: CreatePoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    min: max,
    connectionTimeoutMillis: 10_000,
  });
  // pg-pool listens for a client's errors only while the client is idle. A client checked out between two
  // statements (a transaction waiting on the app, a checkpointer's connection) that loses its connection
  // emits 'error' with no listener, an uncaught exception that kills the worker. This listener stays for
  // the client's life; its next query then fails as a transient error and is retried like any other.
  pool.on('connect', (client) => {
    client.on('error', (err) => {
      logger.warn({ err }, 'database connection lost (the pool replaces it)');
    });
  });
  // Required: without a listener the pool rethrows an idle client's error. The client's listener logged it.
  pool.on('error', () => undefined);
  return pool;
}
