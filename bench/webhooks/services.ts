import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

const ADMIN_URL = process.env['BENCH_POSTGRES_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
/** A Redis database index used only by the benchmark: flushed before and after. */
const REDIS_URL = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379/9';

/** PostgreSQL (and Redis) for one variant: a fresh database, and an empty Redis database when asked for. */
export interface ExternalServices {
  databaseUrl: string;
  redisUrl?: string;
  release(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function flushRedis(): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}

/** Only one variant may use Redis at a time: its database is flushed before and after. */
export async function prepareExternalServices(options: { redis: boolean }): Promise<ExternalServices> {
  const name = `bench_webhooks_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  if (options.redis) await flushRedis();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    ...(options.redis ? { redisUrl: REDIS_URL } : {}),
    async release() {
      if (options.redis) await flushRedis();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** The environment `serve.ts` reads the services from. */
export function servicesEnv(services: ExternalServices | undefined): Record<string, string> {
  return {
    ...(services ? { BENCH_DATABASE_URL: services.databaseUrl } : {}),
    ...(services?.redisUrl ? { BENCH_REDIS_URL: services.redisUrl } : {}),
  };
}
