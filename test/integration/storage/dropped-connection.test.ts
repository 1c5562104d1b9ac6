import { Writable } from 'node:stream';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../../src/monitoring/logger.js';
import { createPool } from '../../../src/storage/create-pool.js';
import { isTransientDbError } from '../../../src/storage/index.js';
import { waitFor } from '../../support/wait.js';

const { postgres } = inject('services');

/** A logger whose lines the test can read. */
function capturedLogger(): { logger: ReturnType<typeof createLogger>; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('info', 'test', sink), lines };
}

describe.skipIf(!postgres.available)('a connection PostgreSQL drops while the app holds it', () => {
  const closers: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close().catch(() => undefined)));
  });

  it('between two statements of a transaction is logged, and the next statement fails as transient', async () => {
    const { logger, lines } = capturedLogger();
    const pool = createPool({ connectionString: postgres.url, max: 2, logger });
    closers.push(() => pool.end());
    const operator = new pg.Client({ connectionString: postgres.url });
    closers.push(() => operator.end());
    await operator.connect();

    const client = await pool.connect();
    await client.query('BEGIN');
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    // No statement is running on the client when its backend goes: before the fix, this was an uncaught
    // 'Connection terminated unexpectedly' that ended the process.
    await operator.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
    await waitFor('the lost connection to be logged', () =>
      lines.some((line) => line.includes('database connection lost')),
    );

    const next = await client.query('SELECT 1').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isTransientDbError(next)).toBe(true);
    client.release(next instanceof Error ? next : true);

    // The pool replaces the connection it lost.
    const { rows: after } = await pool.query<{ one: number }>('SELECT 1 AS one');
    expect(after[0]?.one).toBe(1);
  });
});
