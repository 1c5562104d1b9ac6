import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

/** A name no other test, bench or soak run uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** One statement on the admin database (CREATE/DROP DATABASE cannot run in a pool's transaction). */
export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Removes every key written under `prefix`. */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
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

/** Where PostgreSQL (admin database) and Redis are. */
export type ServiceUrls = { postgresUrl: string; redisUrl: string };

/** A database and a Redis key prefix of their own, removed by `drop()`. */
export type FreshServices = { databaseUrl: string; redisUrl: string; prefix: string; drop(): Promise<void> };

/** Creates a fresh database next to the admin one and a fresh key prefix (no vitest imports: scripts use it). */
export async function freshServices(urls: ServiceUrls, label = 'pipeline'): Promise<FreshServices> {
  const dbName = uniqueName(label);
  await adminQuery(urls.postgresUrl, `CREATE DATABASE ${dbName}`);
  const url = new URL(urls.postgresUrl);
  url.pathname = `/${dbName}`;
  const prefix = uniqueName(label);
  return {
    databaseUrl: url.toString(),
    redisUrl: urls.redisUrl,
    prefix,
    async drop() {
      await adminQuery(urls.postgresUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await deleteRedisKeys(urls.redisUrl, prefix);
    },
  };
}
