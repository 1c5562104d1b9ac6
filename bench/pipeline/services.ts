import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { startChroma } from '../../src/codeindex/index.js';
import { createLogger } from '../../src/monitoring/logger.js';

const ADMIN_URL = process.env['BENCH_POSTGRES_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379/9';

/**
 * The shared services of a scaled-out deployment: a fresh PostgreSQL database, a Redis key prefix of its own
 * (nothing else in Redis is touched) and one Chroma server that every worker uses (CHROMA_URL), as in
 * production; without CHROMA_URL each worker process would start its own `chroma run` on the same data.
 */
export interface ExternalServices {
  env: Record<string, string>;
  release(): Promise<void>;
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export async function prepareExternalServices(dataDir: string): Promise<ExternalServices> {
  const name = `bench_pipeline_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const chroma = await startChroma({ dataDir: join(dataDir, 'shared'), logger: createLogger('silent') });
  return {
    env: { DATABASE_URL: url.toString(), REDIS_URL, PIPELINE_REDIS_PREFIX: name, CHROMA_URL: chroma.url },
    async release() {
      await chroma.stop();
      await deleteKeys(name);
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
