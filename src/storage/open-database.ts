import type { Logger } from '../monitoring/logger.js';
import { createPool } from './create-pool.js';
import { migrate } from './migrate.js';
import { openPglite } from './open-pglite.js';
import type { Database } from './types.js';

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; without it an embedded PGlite database is started in `dataDir`. */
  url?: string;
  /** Where embedded data lives (`<dataDir>/pgdata`); `memory://` keeps it in memory. */
  dataDir: string;
  /** Pool size for PostgreSQL (default 10). The embedded database always uses 1. */
  poolMax?: number;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  logger: Logger;
}

/** Opens the run-state database and brings its schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const db = options.url ? await openPostgres(options.url, options) : await openPglite(options);
  if (options.migrate === false) return db;
  try {
    await migrate(db.pool, options.logger);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

async function openPostgres(url: string, { poolMax, logger }: OpenDatabaseOptions): Promise<Database> {
  const pool = createPool({ connectionString: url, max: poolMax ?? 10, logger });
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end();
    throw new Error(`Cannot connect to PostgreSQL at DATABASE_URL: ${errorMessage(err)}`, { cause: err });
  }
  let closing: Promise<void> | undefined;
  return {
    pool,
    kind: 'postgres',
    connectionString: url,
    close() {
      closing ??= pool.end();
      return closing;
    },
  };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
