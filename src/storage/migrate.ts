import { readdir, readFile } from 'node:fs/promises';
import type pg from 'pg';
import type { Logger } from '../monitoring/logger.js';

/** Found next to this module both under tsx (`src/`) and in a build that copies the .sql files. */
const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const MIGRATION_FILE = /^\d{3}-[a-z0-9-]+\.sql$/;
/** Advisory lock key that serializes migrations across processes sharing one database. */
const MIGRATION_LOCK_KEY = 4_711_020_251;

/**
 * Applies the migrations in `migrations/NNN-name.sql` that `schema_migrations` does not list yet, each in
 * its own transaction, holding an advisory lock so that concurrent processes migrate one at a time.
 * Returns the names applied by this call.
 */
export async function migrate(pool: pg.Pool, logger: Logger): Promise<string[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => MIGRATION_FILE.test(f)).sort();
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await applyPending(client, files, logger);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

async function applyPending(client: pg.PoolClient, files: string[], logger: Logger): Promise<string[]> {
  await client.query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       name text PRIMARY KEY,
       applied_at timestamptz NOT NULL DEFAULT now()
     )`,
  );
  const done = await client.query<{ name: string }>('SELECT name FROM schema_migrations');
  const applied = new Set(done.rows.map((r) => r.name));
  const pending = files.filter((f) => !applied.has(f));
  for (const name of pending) {
    const sql = await readFile(new URL(name, MIGRATIONS_DIR), 'utf8');
    await client.query('BEGIN');
    try {
      await client.query(sql);
      await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw new Error(`Migration ${name} failed: ${err instanceof Error ? err.message : String(err)}`, {
        cause: err,
      });
    }
    logger.info({ migration: name }, 'database migration applied');
  }
  return pending;
}
