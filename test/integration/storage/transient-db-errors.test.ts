import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { isTransientDbError } from '../../../src/storage/index.js';

const { postgres } = inject('services');

/** What the client throws for `sql`, or undefined when it succeeds. */
async function failureOf(client: pg.Client, sql: string): Promise<unknown> {
  return client.query(sql).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe.skipIf(!postgres.available)('a database error', () => {
  const clients: pg.Client[] = [];
  async function connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: postgres.url });
    client.on('error', () => undefined);
    clients.push(client);
    await client.connect();
    return client;
  }
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
  });

  it('is transient when the server terminates the connection under a query', async () => {
    const [victim, operator] = await Promise.all([connect(), connect()]);
    const { rows } = await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const running = failureOf(victim, 'SELECT pg_sleep(30)');
    await operator.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
    const error = await running;
    expect(error).toMatchObject({ code: '57P01' });
    expect(isTransientDbError(error)).toBe(true);
    // The dead connection fails every later query the same way.
    const after = await failureOf(victim, 'SELECT 1');
    expect(after).toBeInstanceOf(Error);
    expect(isTransientDbError(after)).toBe(true);
  });

  it('is transient when nothing listens where the database should be', async () => {
    const client = new pg.Client({
      connectionString: 'postgres://127.0.0.1:1/test',
      connectionTimeoutMillis: 2000,
    });
    const error = await client.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isTransientDbError(error)).toBe(true);
    expect(isTransientDbError(new Error('could not record the step', { cause: error }))).toBe(true);
  });

  it('is not transient when the query itself is wrong', async () => {
    const client = await connect();
    await client.query('CREATE TEMP TABLE t (id int PRIMARY KEY)');
    await client.query('INSERT INTO t VALUES (1)');
    for (const sql of ['SELEC 1', 'SELECT * FROM no_such_table', 'INSERT INTO t VALUES (1)', 'SELECT 1/0']) {
      const error = await failureOf(client, sql);
      expect(error, sql).toBeInstanceOf(Error);
      expect(isTransientDbError(error), sql).toBe(false);
    }
  });
});
