import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

/** Where PostgreSQL (admin database) and Redis are, e.g. from the global setup's probe or the soak's env. */
export type ServiceUrls = { postgresUrl: string; redisUrl: string };

/** A database and a Redis key prefix of their own, removed by `drop()`. */
export type FreshServices = { databaseUrl: string; redisUrl: string; prefix: string; drop(): Promise<void> };

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** Creates a fresh database next to the admin one (no vitest imports: the soak script uses this too). */
export async function freshServices(urls: ServiceUrls): Promise<FreshServices> {
  const dbName = uniqueName('pipeline_crash');
  await adminQuery(urls.postgresUrl, `CREATE DATABASE ${dbName}`);
  const url = new URL(urls.postgresUrl);
  url.pathname = `/${dbName}`;
  const prefix = uniqueName('pipeline_crash');
  return {
    databaseUrl: url.toString(),
    redisUrl: urls.redisUrl,
    prefix,
    async drop() {
      await adminQuery(urls.postgresUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await deleteKeys(urls.redisUrl, prefix);
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
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
